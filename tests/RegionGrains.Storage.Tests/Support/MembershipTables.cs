using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RegionGrains.Sqlite.Clustering;

namespace RegionGrains.Storage.Tests.Support;

/// <summary>Builds membership tables and entries for the table contract tests.</summary>
public static class MembershipTables
{
    private static int s_nextPort = 20_000;

    public static SqliteMembershipTable Create(string dataDirectory, string clusterId) =>
        new(
            Options.Create(new SqliteClusteringOptions { DataDirectory = dataDirectory }),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "membership-tests" }));

    public static MembershipEntry Entry(SiloStatus status = SiloStatus.Joining, DateTime? startTime = null)
    {
        var port = Interlocked.Increment(ref s_nextPort);
        var started = startTime ?? DateTime.UtcNow;
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 1),
            Status = status,
            SiloName = $"silo-{port}",
            HostName = "localhost",
            RoleName = "regiongrains",
            ProxyPort = port + 10_000,
            UpdateZone = 1,
            FaultZone = 2,
            StartTime = started,
            IAmAliveTime = started,
            SuspectTimes = [],
        };
    }
}
