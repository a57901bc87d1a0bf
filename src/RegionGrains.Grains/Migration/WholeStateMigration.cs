using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RegionGrains.Abstractions;
using RegionGrains.Grains.Footprint;
using RegionGrains.Grains.Regions.Journal;
using RegionGrains.Journal.Stores;

namespace RegionGrains.Grains.Migration;

/// <summary>
/// Converts a store's rows of the whole-state format (<see cref="IWholeStateRows"/>: regions and footprint member
/// lists written as one state per grain) into journal streams when a silo starts, before it takes any call, and then
/// removes them. One explicit step, so that nothing at run time reads or branches on that format: a store with no such
/// rows (every store but SQLite, and a SQLite file once converted) makes it one check. Silos that start together may
/// both convert: a stream is only ever started once (<see cref="RegionGrains.Journal.IJournalStorage.InitializeAsync"/>), so the
/// second finds it started and changes nothing.
/// </summary>
internal sealed partial class WholeStateMigration(
    IServiceProvider services,
    ILogger<WholeStateMigration> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The storage and state names that region rows were written under.</summary>
    internal const string RegionStorage = StorageNames.Regions;
    internal const string RegionState = "region";

    /// <summary>The storage and state names that footprint partitions' member lists were written under.</summary>
    internal const string MemberStorage = StorageNames.Footprint;
    internal const string MemberState = "members";

    public void Participate(ISiloLifecycle lifecycle) =>
        // After the stores have created their files (ApplicationServices), before the silo becomes active.
        lifecycle.Subscribe<WholeStateMigration>(ServiceLifecycleStage.ApplicationServices + 1, RunAsync);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<IWholeStateRows>() is not { } rows)
        {
            return;
        }

        var regions = await rows.ReadAsync(RegionStorage, RegionState, cancellationToken);
        var partitions = await rows.ReadAsync(MemberStorage, MemberState, cancellationToken);
        if (regions.Count == 0 && partitions.Count == 0)
        {
            return;
        }

        var journal = services.GetRequiredService<RegionJournal>();
        foreach (var row in regions)
        {
            await journal.ImportWholeStateAsync(KeyOf(row), row.Payload, cancellationToken);
        }

        var members = services.GetRequiredService<PartitionMemberJournal>();
        foreach (var row in partitions)
        {
            // An integer grain key prints in hexadecimal ("footprintpartition/C" is partition 12).
            var partition = int.Parse(KeyOf(row), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            await members.ImportWholeListAsync(partition, row.Payload, cancellationToken);
        }

        await rows.RemoveAllAsync(cancellationToken);
        LogConverted(regions.Count, partitions.Count);
    }

    private static string KeyOf(WholeStateRow row) =>
        row.GrainId.IndexOf('/', StringComparison.Ordinal) is >= 0 and var slash
            ? row.GrainId[(slash + 1)..]
            : throw new InvalidDataException($"A whole-state row's grain id '{row.GrainId}' has no key.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Converted {Regions} regions and {Partitions} footprint member lists of the whole-state format into journal streams")]
    private partial void LogConverted(int regions, int partitions);
}
