using System.Globalization;
using System.Net;

namespace RegionGrains.Testing;

/// <summary>
/// A client of <c>GET /api/regions/{id}/events</c> that disconnects at random points and resumes with
/// <c>Last-Event-ID</c>, as a browser's EventSource does after a network blip, recording every version it receives.
/// </summary>
public sealed class RegionEventFollower(HttpClient http, string regionId, long after, int seed)
{
    private readonly Random _random = new(seed);
    private readonly List<long> _versions = [];

    /// <summary>Every version received, in the order received (duplicates included: the oracle is the caller's).</summary>
    public IReadOnlyList<long> Versions => _versions;

    /// <summary>How many times the stream was opened.</summary>
    public int Connections { get; private set; }

    /// <summary>The last version received, or the starting point.</summary>
    public long Last { get; private set; } = after;

    /// <summary>
    /// Follows until version <paramref name="until"/> arrived; each connection ends after a random 1 to 8 events, or
    /// when the stream breaks (a killed process), and the next one resumes after the last version received.
    /// </summary>
    public Task FollowUntilAsync(long until, TimeSpan timeout, Func<string>? diagnostics = null) =>
        FollowUntilAsync(Task.FromResult(until), timeout, diagnostics);

    /// <summary>As above, while <paramref name="until"/> is not known yet (changes still being made): follows all along.</summary>
    public async Task FollowUntilAsync(Task<long> until, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        using var deadline = new CancellationTokenSource(timeout);
        long Target() => until.IsCompletedSuccessfully ? until.Result : long.MaxValue;
        try
        {
            while (Last < Target())
            {
                // A connection waiting for an event that will never come ends once the target is known and reached.
                using var connection = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                _ = until.ContinueWith(_ => CancelIfReached(connection, Target()), TaskScheduler.Default);
                try
                {
                    await ReadOneConnectionAsync(_random.Next(1, 9), Target, connection.Token);
                }
                catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
                {
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#}s following {regionId} to version {Target()}: got to {Last} over {Connections} connections.\n{diagnostics?.Invoke()}");
        }
    }

    private void CancelIfReached(CancellationTokenSource connection, long target)
    {
        try
        {
            if (Last >= target)
            {
                connection.Cancel();
            }
        }
        catch (ObjectDisposedException)
        {
            // That connection already ended.
        }
    }

    private async Task ReadOneConnectionAsync(int take, Func<long> until, CancellationToken cancellationToken)
    {
        var from = Last.ToString(CultureInfo.InvariantCulture);
        try
        {
            using var response = await http.SendRetryingUnavailableAsync(
                () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, $"/api/regions/{regionId}/events");
                    request.Headers.Add("Last-Event-ID", from);
                    return request;
                },
                cancellationToken);
            Connections++;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Assert.Fail($"Resuming {regionId} after {from}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            using var events = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            for (var read = 0; read < take && Last < until() && await events.NextAsync(cancellationToken) is { } e; read++)
            {
                var version = long.Parse(e.Id!, CultureInfo.InvariantCulture);
                _versions.Add(version);
                Last = version;
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            // The gateway or the silo behind the stream went away mid-stream: resume from what arrived.
        }
    }
}
