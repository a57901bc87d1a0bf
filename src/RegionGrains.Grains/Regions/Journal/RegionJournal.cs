using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using RegionGrains.Abstractions;
using RegionGrains.Abstractions.Events;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Regions.Changes;
using RegionGrains.Journal;

namespace RegionGrains.Grains.Regions.Journal;

/// <summary>
/// Region state over an <see cref="IJournalStorage"/>: encodes changes and snapshots with Orleans' serializer,
/// rebuilds a region from its snapshot and tail, and reads history pages. One per silo; the grains call it one
/// region at a time.
/// </summary>
public sealed class RegionJournal(
    [FromKeyedServices(StorageNames.Regions)] IJournalStorage storage,
    Serializer serializer,
    IOptions<RegionGrainOptions> regionOptions,
    IOptions<RegionJournalOptions> options)
{
    private readonly RegionRules _rules = new(regionOptions.Value);

    public RegionJournalOptions Options { get; } = options.Value;

    /// <summary>The region's state as its journal holds it, and how many records were replayed past the snapshot.</summary>
    public async Task<(RegionState State, int Replayed)> LoadAsync(string regionId, CancellationToken cancellationToken = default)
    {
        var stream = await storage.ReadAsync(regionId, cancellationToken);

        var state = stream.Snapshot is { } snapshot ? Decode<RegionState>(snapshot.Payload) : RegionState.Empty;
        foreach (var record in stream.Records)
        {
            state = _rules.Apply(state, Decode(record));
        }

        return (SharedStrings.Share(state), stream.Records.Count);
    }

    /// <summary>The version of the region's last stored change, whoever stored it; 0 for a region never written.</summary>
    public Task<long> ReadHeadAsync(string regionId, CancellationToken cancellationToken = default) =>
        storage.ReadHeadAsync(regionId, cancellationToken);

    /// <summary>
    /// <see cref="ReadHeadAsync"/> for many regions at once, in the same order. A region's head is the version of its
    /// state after its last stored change (<see cref="RegionState.Version"/>, and so <see cref="RegionSnapshot.Version"/>):
    /// every change carries the version after the one before it, and the snapshots of the journal carry the state's.
    /// </summary>
    public Task<long[]> ReadHeadsAsync(IReadOnlyList<string> regionIds, CancellationToken cancellationToken = default) =>
        storage.ReadHeadsAsync(regionIds, cancellationToken);

    /// <summary>Journals <paramref name="changes"/> on top of <paramref name="head"/>; completes once they are durable.</summary>
    /// <exception cref="JournalConflictException">Another activation of the region appended first.</exception>
    public Task AppendAsync(string regionId, long head, IReadOnlyList<RegionChange> changes, CancellationToken cancellationToken = default)
    {
        if (Options.UnfencedAppendsForFaultInjection)
        {
            return AppendUnfencedAsync(regionId, changes, cancellationToken);
        }

        return storage.AppendAsync(regionId, head, Encode(changes), cancellationToken);
    }

    /// <summary>The broken append of <see cref="RegionJournalOptions.UnfencedAppendsForFaultInjection"/>: on top of the stored head, whatever the caller expected.</summary>
    private async Task AppendUnfencedAsync(string regionId, IReadOnlyList<RegionChange> changes, CancellationToken cancellationToken)
    {
        var stream = await storage.ReadAsync(regionId, cancellationToken);
        var stored = Math.Max(stream.Records.Count > 0 ? stream.Records[^1].Version : 0, stream.Snapshot?.Version ?? 0);
        var renumbered = changes.Select((c, i) => c with { Version = stored + 1 + i }).ToArray();
        await storage.AppendAsync(regionId, stored, Encode(renumbered), cancellationToken);
    }

    private JournalRecord[] Encode(IReadOnlyList<RegionChange> changes)
    {
        var records = new JournalRecord[changes.Count];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = new JournalRecord(changes[i].Version, serializer.SerializeToArray(RegionChangeRecord.Of(changes[i])));
        }

        return records;
    }

    /// <summary>Stores <paramref name="state"/> as the region's snapshot and drops records older than the history kept.</summary>
    public Task SnapshotAsync(string regionId, RegionState state, CancellationToken cancellationToken = default) =>
        storage.WriteSnapshotAsync(
            regionId,
            new JournalSnapshot(state.Version, serializer.SerializeToArray(state)),
            keepFromVersion: state.Version - Options.HistoryRetained + 1,
            cancellationToken);

    /// <summary>Up to <paramref name="limit"/> events older than <paramref name="before"/>, newest first, and where the next page starts.</summary>
    public async Task<RegionHistoryPage> ReadHistoryAsync(string regionId, int limit, long? before, CancellationToken cancellationToken = default)
    {
        var records = await storage.ReadBackwardAsync(regionId, before ?? long.MaxValue, limit + 1, cancellationToken);
        var events = records.Take(limit).Select(r => Decode(r).ToEvent()).ToImmutableArray();
        return new RegionHistoryPage(events, records.Count > limit ? events[^1].Version : null);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> events after version <paramref name="after"/>, oldest first, given the region's
    /// <paramref name="head"/>. The storage reads backward only, so this reads the window (after, after + limit] from
    /// its top down and turns it around; a window whose first version is gone was dropped by compaction.
    /// </summary>
    public async Task<RegionEventPage> ReadEventsAsync(string regionId, long after, int limit, long head, CancellationToken cancellationToken = default)
    {
        if (after >= head)
        {
            return new RegionEventPage([], head, Truncated: false);
        }

        var last = after > head - limit ? head : after + limit;
        var records = await storage.ReadBackwardAsync(regionId, last + 1, (int)(last - after), cancellationToken);
        if (records.Count == 0 || records[^1].Version != after + 1)
        {
            return new RegionEventPage([], head, Truncated: true);
        }

        var events = ImmutableArray.CreateBuilder<RegionEvent>(records.Count);
        for (var i = records.Count - 1; i >= 0; i--)
        {
            events.Add(Decode(records[i]).ToEvent());
        }

        return new RegionEventPage(events.MoveToImmutable(), head, Truncated: false);
    }

    private RegionChange Decode(JournalRecord record) => Decode<RegionChangeRecord>(record.Payload).Change;

    private T Decode<T>(byte[] payload) =>
        serializer.Deserialize<T>(payload) ?? throw new InvalidDataException($"A journal payload decoded to no {typeof(T).Name}.");

    /// <summary>
    /// Starts the journal of <paramref name="regionId"/> from its row of the whole-state format (<see cref="WholeStateRegion"/>):
    /// the state as a snapshot, its history as records. Does nothing when the stream already has something in it.
    /// </summary>
    internal async Task ImportWholeStateAsync(string regionId, byte[] payload, CancellationToken cancellationToken)
    {
        var old = Decode<WholeStateRegion>(payload);
        var finished = old.FinishedReservationIds.TakeLast(regionOptions.Value.FinishedReservationMemory).ToArray();
        var state = new RegionState
        {
            Definition = old.Definition,
            Status = old.Status,
            Capacity = old.Capacity,
            Reservations = old.Reservations,
            Version = old.Version,
            UpdatedAt = old.UpdatedAt,
            FinishedReservationIds = ImmutableQueue.CreateRange(finished),
            FinishedReservationIdSet = [.. finished],
        };

        // Rows of that format carry no actor (the service had no authentication): changes were made by anonymous
        // callers, except catalog seeding and expiry, which the service made itself.
        var history = old.History
            .Select(e => new ImportedEvent(
                e.Version,
                e.Time,
                e.Actor ?? (e.Kind == RegionEventKind.Expired || e.Reason == "catalog seed" ? RegionActor.System : RegionActor.Anonymous),
                e.Kind,
                e.Detail,
                e.Reason))
            .Select(e => new JournalRecord(e.Version, serializer.SerializeToArray(RegionChangeRecord.Of(e))))
            .ToArray();

        // False means another silo imported it first.
        await storage.InitializeAsync(regionId, new JournalSnapshot(state.Version, serializer.SerializeToArray(state)), history, cancellationToken);
    }
}
