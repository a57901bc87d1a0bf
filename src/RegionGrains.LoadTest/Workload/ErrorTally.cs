using System.Collections.Concurrent;

namespace RegionGrains.LoadTest.Workload;

/// <summary>Counts by kind, safe to add to from any thread.</summary>
public sealed class ErrorTally
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public void Add(string kind) => Add(kind, 1);

    /// <summary>Adds <paramref name="count"/> of one kind at once (an agent's tally merged into the run's).</summary>
    public void Add(string kind, long count)
    {
        _counts.AddOrUpdate(kind, count, (_, n) => n + count);
        Interlocked.Add(ref _total, count);
    }

    public SortedDictionary<string, long> Snapshot() => new(_counts.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);

    /// <summary>A stable name for a fault: the innermost meaningful exception type.</summary>
    public static string KindOf(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => KindOf(aggregate.InnerExceptions[0]),
        TaskCanceledException { InnerException: TimeoutException } => "Timeout",
        HttpRequestException { StatusCode: { } status } => $"http{(int)status}",
        _ => exception.GetType().Name,
    };
}
