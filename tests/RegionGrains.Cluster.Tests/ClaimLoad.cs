using System.Collections.Concurrent;
using System.Net.Http.Json;

namespace RegionGrains.Cluster.Tests;

/// <summary>
/// One worker per consumer, each replacing its consumer's claims one after another with random allocations over the
/// given regions (now and then releasing everything), recording every attempt and how it was answered. A claim whose
/// answer never came (the gateway died, the call timed out) is recorded as unknown, and the worker goes on with a new one.
/// </summary>
public sealed class ClaimLoad : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly string[] _regions;
    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _workers;
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _acknowledged;
    private int _refused;

    public ClaimLoad(HttpClient http, string[] regions, string[] consumers, int seed)
    {
        _http = http;
        _regions = regions;
        _workers = Task.WhenAll(consumers.Select((c, i) => Task.Run(() => RunAsync(c, new Random(seed + i)))));
    }

    public int Acknowledged => Volatile.Read(ref _acknowledged);

    public int Refused => Volatile.Read(ref _refused);

    public IReadOnlyCollection<Attempt> Attempts => [.. _attempts];

    /// <summary>"r0{gpus=3,racks=1};r2{gpus=5}": allocations in one comparable form.</summary>
    public static string Canonical(IEnumerable<KeyValuePair<string, long>> holds) =>
        "{" + string.Join(",", holds.Where(p => p.Value != 0).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")) + "}";

    /// <summary>The same for a map of region to canonical holds, regions that hold nothing left out.</summary>
    public static string Canonical(IEnumerable<KeyValuePair<string, string>> regions) =>
        string.Join(";", regions.Where(p => p.Value != "{}").OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}{p.Value}"));

    /// <summary>Completes when <paramref name="condition"/> holds: checked now and again each time an attempt ends; fails after <paramref name="timeout"/>.</summary>
    public async Task WhenAsync(Func<ClaimLoad, bool> condition, TimeSpan timeout, string awaited, Func<string> diagnostics)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            // Taken before the check, so an attempt that ends in between completes it.
            var progress = Volatile.Read(ref _progress).Task;
            if (condition(this))
            {
                return;
            }

            try
            {
                await progress.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting for {awaited}: {Acknowledged} acknowledged, {Refused} refused of {_attempts.Count}.\n{diagnostics()}");
            }
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _workers;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(string consumer, Random random)
    {
        for (var sequence = 0; !_stop.IsCancellationRequested; sequence++)
        {
            var allocations = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
            if (random.Next(10) > 0)
            {
                foreach (var region in _regions.Where(_ => random.Next(2) == 0).DefaultIfEmpty(_regions[random.Next(_regions.Length)]))
                {
                    allocations[region] = new Dictionary<string, long>(StringComparer.Ordinal) { ["gpus"] = random.Next(1, 26) };
                    if (random.Next(2) == 0)
                    {
                        allocations[region]["racks"] = random.Next(1, 26);
                    }
                }
            }

            var expected = Canonical(allocations.Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value))));
            var claimId = $"{consumer}-{sequence}";
            var status = -1;
            try
            {
                using var response = await _http.PutAsJsonAsync($"/api/consumers/{consumer}/allocations", new { claimId, allocations });
                status = (int)response.StatusCode;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
            {
                // No answer: the claim may or may not have taken effect.
            }

            _attempts.Enqueue(new Attempt(consumer, sequence, claimId, expected, status));
            if (status == 200)
            {
                Interlocked.Increment(ref _acknowledged);
            }
            else if (status == 409)
            {
                Interlocked.Increment(ref _refused);
            }

            Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            if (status is -1 or 503)
            {
                // No answer, or a 503: wait until the gateway serves again (its health endpoint) before the next claim,
                // rather than sending claims into a gateway that is down.
                await WaitForGatewayAsync();
            }
        }
    }

    private async Task WaitForGatewayAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var ready = await _http.GetRetryingUnavailableAsync("/health/ready", TimeSpan.FromSeconds(5));
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
            {
                // Not listening yet (a gateway being restarted refuses connections): the gateway's start is awaited below.
            }

            using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
            await poll.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One claim and its answer; -1 when none came.</summary>
    public sealed record Attempt(string Consumer, int Sequence, string ClaimId, string Expected, int Status)
    {
        /// <summary>Whether it may have taken effect without the caller knowing: no answer, or a 503.</summary>
        public bool Unknown => Status is -1 or 503;
    }
}
