using System.Collections.Concurrent;
using RegionGrains.Journal;

namespace RegionGrains.Grains.Tests.Infrastructure;

/// <summary>
/// A real journal with one switch: appends to the streams named in <see cref="FailingAppends"/> throw before
/// reaching storage. Used to prove that a failed append is neither acknowledged nor kept in memory.
/// </summary>
public sealed class FaultInjectingJournal(IJournalStorage inner) : IJournalStorage
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Refusals = new(StringComparer.Ordinal);

    public static ConcurrentDictionary<string, bool> FailingAppends { get; } = new(StringComparer.Ordinal);

    /// <summary>Completes when an append to <paramref name="stream"/> has been refused (at once if one was already).</summary>
    public static Task RefusedAsync(string stream) => Refusal(stream).Task;

    public Task<JournalStream> ReadAsync(string stream, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(stream, cancellationToken);

    public Task AppendAsync(string stream, long expectedHead, IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken = default) =>
        FailingAppends.ContainsKey(stream)
            ? Refuse(stream)
            : inner.AppendAsync(stream, expectedHead, records, cancellationToken);

    public Task WriteSnapshotAsync(string stream, JournalSnapshot snapshot, long keepFromVersion, CancellationToken cancellationToken = default) =>
        inner.WriteSnapshotAsync(stream, snapshot, keepFromVersion, cancellationToken);

    public Task<bool> InitializeAsync(string stream, JournalSnapshot snapshot, IReadOnlyList<JournalRecord> history, CancellationToken cancellationToken = default) =>
        inner.InitializeAsync(stream, snapshot, history, cancellationToken);

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
