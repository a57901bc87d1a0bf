using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace RegionGrains.LoadTest.Agents;

/// <summary>The coordinator's side of <see cref="AgentProtocol"/> for one agent; failures become <see cref="AgentException"/>s that say which agent and what.</summary>
public sealed class AgentClient(AgentEndpoint endpoint, string? token) : IDisposable
{
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http = new(new SocketsHttpHandler { ConnectTimeout = HelloTimeout })
    {
        BaseAddress = endpoint.BaseAddress,
        // Each call has its own bound below: a start lasts as long as the run.
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestHeaders = { Authorization = token is null ? null : new AuthenticationHeaderValue(AgentProtocol.TokenScheme, token) },
    };

    public AgentEndpoint Endpoint { get; } = endpoint;

    /// <summary>
    /// Asks who the agent is; returns its answer and the coordinator's clock at the exchange's middle, for the offset.
    /// Asked three times, keeping the shortest exchange: the first pays for the connection and the agent's first
    /// request, which it does not spend symmetrically around the moment it reads its clock.
    /// </summary>
    public async Task<(AgentHello Hello, double MidpointUnixMs, double RoundTripMs)> HelloAsync(CancellationToken cancellationToken)
    {
        (AgentHello Hello, double MidpointUnixMs, double RoundTripMs)? best = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var timer = Stopwatch.StartNew();
            var hello = await CallAsync<AgentHello>(HttpMethod.Get, AgentProtocol.HelloPath, null, HelloTimeout, "answer", cancellationToken);
            var roundTrip = timer.Elapsed.TotalMilliseconds;
            if (best is null || roundTrip < best.Value.RoundTripMs)
            {
                best = (hello, before + (roundTrip / 2), roundTrip);
            }
        }

        return best!.Value;
    }

    public Task<PrepareAnswer> PrepareAsync(PrepareRequest request, TimeSpan timeout, CancellationToken cancellationToken) =>
        CallAsync<PrepareAnswer>(HttpMethod.Post, AgentProtocol.RunsPath, request, timeout, "prepare its share", cancellationToken);

    public Task<LoadResult> StartAsync(string runId, StartRequest request, TimeSpan timeout, CancellationToken cancellationToken) =>
        CallAsync<LoadResult>(HttpMethod.Post, $"{AgentProtocol.RunsPath}/{runId}/start", request, timeout, "finish its load", cancellationToken);

    public Task<CheckResult> CheckAsync(string runId, TimeSpan timeout, CancellationToken cancellationToken) =>
        CallAsync<CheckResult>(HttpMethod.Post, $"{AgentProtocol.RunsPath}/{runId}/check", null, timeout, "check its invariants", cancellationToken);

    /// <summary>Asks the agent to stop a run, when another agent failed or the coordinator is stopped; best effort.</summary>
    public async Task AbortAsync(string runId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(HelloTimeout);
            using var _ = await _http.DeleteAsync(new Uri($"{AgentProtocol.RunsPath}/{runId}", UriKind.Relative), timeout.Token);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            // The agent is gone or busy going; it gives up on its own when nobody calls (AgentRun.IdleTimeout).
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<T> CallAsync<T>(HttpMethod method, string path, object? body, TimeSpan timeout, string doing, CancellationToken cancellationToken)
        where T : class
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: AgentProtocol.Json),
        };
        try
        {
            using var response = await _http.SendAsync(request, bounded.Token);
            var text = await response.Content.ReadAsStringAsync(bounded.Token);
            if (!response.IsSuccessStatusCode)
            {
                var problem = TryRead<AgentProblem>(text);
                throw new AgentException(Endpoint, $"did not {doing}: {problem?.Error ?? $"it answered {(int)response.StatusCode} {text.Trim()}"}", problem?.ExitCode, problem?.Output);
            }

            return TryRead<T>(text) ?? throw new AgentException(Endpoint, $"did not {doing}: its answer is not a {typeof(T).Name} (is it a {LoadTestApp.Name} agent?)");
        }
        catch (HttpRequestException exception)
        {
            throw new AgentException(Endpoint, $"did not {doing}: {exception.Message}", reachable: false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AgentException(Endpoint, $"did not {doing} within {timeout.TotalSeconds:0} s", reachable: false);
        }
    }

    private static T? TryRead<T>(string text)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, AgentProtocol.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>An agent that could not be reached, refused, or failed; the message names it.</summary>
public sealed class AgentException(AgentEndpoint agent, string message, int? exitCode = null, string? output = null, bool reachable = true)
    : Exception($"Agent {agent} {message}")
{
    public AgentEndpoint Agent { get; } = agent;

    /// <summary>What happened, without the agent's name.</summary>
    public string Detail { get; } = message;

    /// <summary>The exit code the agent's run ended with, when it ended.</summary>
    public int? ExitCode { get; } = exitCode;

    /// <summary>The agent's last output lines, when it sent them.</summary>
    public string? Output { get; } = output;

    /// <summary>False when the agent did not answer at all (connection refused, reset, timed out).</summary>
    public bool Reachable { get; } = reachable;
}
