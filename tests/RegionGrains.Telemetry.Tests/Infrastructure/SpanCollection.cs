using System.Collections;
using System.Diagnostics;

namespace RegionGrains.Telemetry.Tests.Infrastructure;

/// <summary>
/// Finished spans, collected by in-memory exporters. Several exporters (one per host) may add at once, so
/// access is locked. ActivitySource listeners are process-wide: every host's exporter sees every host's
/// spans, so tests find theirs by trace id.
/// </summary>
public sealed class SpanCollection : ICollection<Activity>
{
    private readonly List<Activity> _spans = [];

    // Completed (and replaced) on every Add: the signal waiters wake on.
    private TaskCompletionSource _added = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count
    {
        get
        {
            lock (_spans)
            {
                return _spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public Activity[] InTrace(ActivityTraceId traceId)
    {
        lock (_spans)
        {
            return [.. _spans.Where(s => s.TraceId == traceId).Distinct()];
        }
    }

    public Activity[] Where(Func<Activity, bool> predicate)
    {
        lock (_spans)
        {
            return [.. _spans.Where(predicate).Distinct()];
        }
    }

    /// <summary>Waits until the spans of a trace satisfy <paramref name="done"/>; fails listing what the trace holds.</summary>
    public async Task<Activity[]> WaitForTrace(ActivityTraceId traceId, Func<Activity[], bool> done, string awaited, TimeSpan? timeout = null)
    {
        Activity[] spans = [];
        var found = await UntilAsync(() => done(spans = InTrace(traceId)), timeout);
        Assert.True(found, $"Timed out waiting for {awaited} in trace {traceId}. The trace holds:\n{Describe(spans)}");
        return spans;
    }

    /// <summary>Waits until some span satisfies <paramref name="match"/>.</summary>
    public async Task<Activity> WaitFor(Func<Activity, bool> match, string awaited, TimeSpan? timeout = null)
    {
        Activity? span = null;
        var found = await UntilAsync(() => (span = Where(match).FirstOrDefault()) is not null, timeout);
        Assert.True(found, $"Timed out waiting for {awaited}.");
        return span!;
    }

    /// <summary>Re-checks <paramref name="done"/> each time a span is added, until it holds or the time is up.</summary>
    private async Task<bool> UntilAsync(Func<bool> done, TimeSpan? timeout)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            Task added;
            lock (_spans)
            {
                added = _added.Task;
            }

            if (done())
            {
                return true;
            }

            try
            {
                await added.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                return done();
            }
        }
    }

    public static string Describe(IEnumerable<Activity> spans) => string.Join(
        "\n",
        spans.Select(s => $"  {s.Source.Name} | {s.Kind} | {s.DisplayName} | span {s.SpanId} parent {s.ParentSpanId}"));

    public void Add(Activity item)
    {
        TaskCompletionSource added;
        lock (_spans)
        {
            _spans.Add(item);
            added = _added;
            _added = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        added.TrySetResult();
    }

    public void Clear()
    {
        lock (_spans)
        {
            _spans.Clear();
        }
    }

    public bool Contains(Activity item)
    {
        lock (_spans)
        {
            return _spans.Contains(item);
        }
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_spans)
        {
            _spans.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(Activity item)
    {
        lock (_spans)
        {
            return _spans.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator()
    {
        lock (_spans)
        {
            return _spans.ToList().GetEnumerator();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
