using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace RegionGrains.Hosting.Orleans;

/// <summary>
/// Membership settings tuned so that a killed silo process is declared dead within seconds. Orleans' defaults are
/// sized for data centers (a dead silo takes about a minute to be noticed in the table); on one machine, probes cross
/// the loopback interface, a killed process refuses connections at once, and nothing justifies waiting that long.
/// docs/operations.md explains each value. Every value can be overridden under <c>RegionGrains:Membership</c>,
/// e.g. a larger <c>ProbeTimeout</c> for silos on busy machines across a network.
/// </summary>
public static class ClusterMembershipTuning
{
    /// <summary>Configuration section whose keys override <see cref="ClusterMembershipOptions"/>.</summary>
    public const string Section = ClusterHostingOptions.Section + ":Membership";

    /// <summary>Probe period and timeout; Orleans adapts it between half and four times this value.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Consecutive failed probes before a silo votes its target dead.</summary>
    public const int NumMissedProbesLimit = 3;

    /// <summary>Votes needed to declare a silo dead (Orleans caps it at a majority of the live silos).</summary>
    public const int NumVotesForDeathDeclaration = 2;

    /// <summary>Votes older than this no longer count.</summary>
    public static readonly TimeSpan DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a silo writes its heartbeat into the membership table. A silo silent for three of these counts as
    /// stale, and only then may a silo starting after a crash declare it dead: this period sets how long a cold
    /// restart waits for the rows of the processes that were killed.
    /// </summary>
    public static readonly TimeSpan IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How often a silo re-reads the whole table, in case it missed a gossip message.</summary>
    public static readonly TimeSpan TableRefreshTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long the rows of dead silos are kept for inspection.</summary>
    public static readonly TimeSpan DefunctSiloExpiration = TimeSpan.FromHours(1);

    /// <summary>How often the oldest active silo removes expired rows.</summary>
    public static readonly TimeSpan DefunctSiloCleanupPeriod = TimeSpan.FromMinutes(10);

    /// <summary>Applies the tuned values, then any override from <see cref="Section"/>.</summary>
    public static IServiceCollection AddTunedClusterMembership(this IServiceCollection services)
    {
        services.AddOptions<ClusterMembershipOptions>()
            .Configure(o =>
            {
                o.ProbeTimeout = ProbeTimeout;
                o.NumMissedProbesLimit = NumMissedProbesLimit;
                o.NumVotesForDeathDeclaration = NumVotesForDeathDeclaration;
                o.DeathVoteExpirationTimeout = DeathVoteExpirationTimeout;
                o.IAmAliveTablePublishTimeout = IAmAliveTablePublishTimeout;
                o.TableRefreshTimeout = TableRefreshTimeout;
                o.DefunctSiloExpiration = DefunctSiloExpiration;
                o.DefunctSiloCleanupPeriod = DefunctSiloCleanupPeriod;
            })
            .BindConfiguration(Section);
        return services;
    }
}
