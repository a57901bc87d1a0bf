using System.Collections.Concurrent;
using RegionGrains.Journal;

namespace RegionGrains.Grains.Tests.Infrastructure;

/// <summary>
/// A real journal with three switches: appends to the streams named in <see cref="FailingAppends"/> throw before
/// reaching storage (a failed append is neither acknowledged nor kept in memory), appends to the streams in
/// <see cref="HeldAppends"/> wait for their gate before reaching storage (what others see while a write is in flight),
/// and an append to a stream in <see cref="OvertakenAppends"/> is overtaken once by another writer, so that storage
/// itself refuses it with a version conflict.
/// </summary>
public sealed class FaultInjectingJournal(IJournalStorage inner) : IJournalStorage
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Refusals = new(StringComparer.Ordinal);

    public static ConcurrentDictionary<string, bool> FailingAppends { get; } = new(StringComparer.Ordinal);

    /// <summary>Per stream, a gate its appends wait for, and a signal set once an append is waiting there.</summary>
    public static ConcurrentDictionary<string, (TaskCompletionSource Gate, TaskCompletionSource Waiting)> HeldAppends { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// While set, batched head reads (<see cref="IJournalStorage.ReadHeadsAsync"/>, what a footprint partition catches up
    /// with) wait for its gate; its other signal is set once one is waiting.
    /// </summary>
    public static (TaskCompletionSource Gate, TaskCompletionSource Waiting)? HeldHeadReads { get; set; }

    /// <summary>
    /// Streams whose next append another writer overtakes: the same records are stored first, as a second activation
    /// of the region making the same change would, and then the append itself reaches storage with a stale head.
    /// </summary>
    public static ConcurrentDictionary<string, bool> OvertakenAppends { get; } = new(StringComparer.Ordinal);

    /// <summary>Completes when an append to <paramref name="stream"/> has been refused (at once if one was already).</summary>
    public static Task RefusedAsync(string stream) => Refusal(stream).Task;

    public Task<JournalStream> ReadAsync(string stream, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(stream, cancellationToken);

    public Task AppendAsync(string stream, long expectedHead, IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken = default) =>
        FailingAppends.ContainsKey(stream) ? Refuse(stream)
        : HeldAppends.TryGetValue(stream, out var held) ? AppendWhenReleasedAsync(held, stream, expectedHead, records, cancellationToken)
        : OvertakenAppends.TryRemove(stream, out _) ? AppendAfterAnotherWriterAsync(stream, expectedHead, records, cancellationToken)
        : inner.AppendAsync(stream, expectedHead, records, cancellationToken);

    private async Task AppendWhenReleasedAsync(
        (TaskCompletionSource Gate, TaskCompletionSource Waiting) held, string stream, long expectedHead, IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken)
    {
        held.Waiting.TrySetResult();
        await held.Gate.Task;
        await inner.AppendAsync(stream, expectedHead, records, cancellationToken);
    }

    private async Task AppendAfterAnotherWriterAsync(string stream, long expectedHead, IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken)
    {
        await inner.AppendAsync(stream, expectedHead, records, cancellationToken);
        await inner.AppendAsync(stream, expectedHead, records, cancellationToken);
    }

    public Task WriteSnapshotAsync(string stream, JournalSnapshot snapshot, long keepFromVersion, CancellationToken cancellationToken = default) =>
        inner.WriteSnapshotAsync(stream, snapshot, keepFromVersion, cancellationToken);

    public Task<bool> InitializeAsync(string stream, JournalSnapshot snapshot, IReadOnlyList<JournalRecord> history, CancellationToken cancellationToken = default) =>
        inner.InitializeAsync(stream, snapshot, history, cancellationToken);

    public Task<long> ReadHeadAsync(string stream, CancellationToken cancellationToken = default) =>
        inner.ReadHeadAsync(stream, cancellationToken);

    public async Task<long[]> ReadHeadsAsync(IReadOnlyList<string> streams, CancellationToken cancellationToken = default)
    {
        if (HeldHeadReads is { } held)
        {
            held.Waiting.TrySetResult();
            await held.Gate.Task;
        }

        return await inner.ReadHeadsAsync(streams, cancellationToken);
    }

    public Task<IReadOnlyList<JournalRecord>> ReadBackwardAsync(string stream, long before, int limit, CancellationToken cancellationToken = default) =>
        inner.ReadBackwardAsync(stream, before, limit, cancellationToken);

    private static Task Refuse(string stream)
    {
        Refusal(stream).TrySetResult();
        throw new IOException($"Injected append failure for {stream}.");
    }

    private static TaskCompletionSource Refusal(string stream) =>
        Refusals.GetOrAdd(stream, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
