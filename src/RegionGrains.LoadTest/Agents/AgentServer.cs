using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RegionGrains.LoadTest.Agents;

/// <summary>
/// The agent's endpoint (<see cref="AgentProtocol"/>): Kestrel with four routes, one run at a time. With a token, every
/// request must carry it (<c>Authorization: Bearer TOKEN</c>, compared in constant time); without one, anyone who can
/// reach the port can make the agent load whatever its command line names, which is why the agent refuses an address
/// beyond loopback without a token (<see cref="Cli.AgentSettings"/>).
/// </summary>
public sealed class AgentServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TextWriter _console;
    private readonly string _version;
    private readonly Lock _lock = new();
    private AgentRun? _run;

    private AgentServer(WebApplication app, TextWriter console, string version)
    {
        _app = app;
        _console = console;
        _version = version;
    }

    /// <summary>The address it listens on, as the coordinator names it (<c>host:port</c>).</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>Starts listening on <paramref name="listen"/> (<c>host:port</c>, port 0 for a free one).</summary>
    /// <param name="listen">The address and port.</param>
    /// <param name="token">The shared token every request must carry, or null for none.</param>
    /// <param name="console">Where the runs' output goes.</param>
    /// <param name="cancellationToken">Stops starting.</param>
    /// <param name="version">The version it claims (tests give another, to see a mismatch refused).</param>
    public static async Task<AgentServer> StartAsync(string listen, string? token, TextWriter console, CancellationToken cancellationToken, string? version = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{listen}");
        var app = builder.Build();
        var server = new AgentServer(app, console, version ?? AgentProtocol.ToolVersion);
        if (token is not null)
        {
            var expected = Encoding.UTF8.GetBytes($"{AgentProtocol.TokenScheme} {token}");
            app.Use(async (context, next) =>
            {
                var given = Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString());
                if (!CryptographicOperations.FixedTimeEquals(given, expected))
                {
                    await Answer(context, StatusCodes.Status401Unauthorized, new AgentProblem("This agent needs its token: --agent-token TOKEN or REGIONGRAINS_AGENT_TOKEN on the coordinator."));
                    return;
                }

                await next(context);
            });
        }

        app.MapGet("/" + AgentProtocol.HelloPath, server.Hello);
        app.MapPost("/" + AgentProtocol.RunsPath, server.PrepareAsync);
        app.MapPost("/" + AgentProtocol.RunsPath + "/{id}/start", server.StartRunAsync);
        app.MapPost("/" + AgentProtocol.RunsPath + "/{id}/check", server.CheckAsync);
        app.MapDelete("/" + AgentProtocol.RunsPath + "/{id}", server.Abort);
        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Urls.First());
        server.Endpoint = $"{address.Host}:{address.Port}";
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        AgentRun? run;
        lock (_lock)
        {
            run = _run;
        }

        if (run is not null)
        {
            await run.Stop.CancelAsync();
            await run.Command.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Task Hello(HttpContext context)
    {
        bool busy;
        lock (_lock)
        {
            busy = _run is { Command.IsCompleted: false };
        }

        return Answer(context, StatusCodes.Status200OK, new AgentHello(AgentProtocol.Version, _version, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), busy));
    }

    private async Task PrepareAsync(HttpContext context)
    {
        var request = await ReadAsync<PrepareRequest>(context);
        if (request is null)
        {
            return;
        }

        if (request.Protocol != AgentProtocol.Version || request.Version != _version)
        {
            await Answer(context, StatusCodes.Status409Conflict, new AgentProblem(Mismatch(request.Protocol, request.Version)));
            return;
        }

        if (request.Command is not ("grains" or "http"))
        {
            await Answer(context, StatusCodes.Status400BadRequest, new AgentProblem($"An agent runs grains or http, not '{request.Command}'."));
            return;
        }

        AgentRun run;
        lock (_lock)
        {
            if (_run is { Command.IsCompleted: false })
            {
                run = null!;
            }
            else
            {
                _run?.Dispose();
                run = _run = AgentRun.Start(request.Command, request.Arguments, _console);
            }
        }

        if (run is null)
        {
            await Answer(context, StatusCodes.Status409Conflict, new AgentProblem("This agent is running another coordinator's run; an agent runs one at a time."));
            return;
        }

        // A coordinator that goes away while the agent prepares takes the run with it.
        using var abort = context.RequestAborted.Register(run.Stop.Cancel);
        if (await Task.WhenAny(run.Ready, run.Command) == run.Command)
        {
            var exitCode = await run.Command;
            await Answer(context, StatusCodes.Status422UnprocessableEntity, new AgentProblem($"The agent's {request.Command} ended before it was ready (exit code {exitCode}).", exitCode, run.LastOutput()));
            return;
        }

        await Answer(context, StatusCodes.Status200OK, new PrepareAnswer(run.Id));
    }

    private async Task StartRunAsync(HttpContext context, string id)
    {
        var request = await ReadAsync<StartRequest>(context);
        if (request is null || Find(id) is not { } run)
        {
            await NotFoundUnlessAnswered(context, request is null);
            return;
        }

        using var abort = context.RequestAborted.Register(run.Stop.Cancel);
        run.StartAt(request.StartAtUnixMs);
        if (await Task.WhenAny(run.Loaded, run.Command) == run.Command)
        {
            await Answer(context, StatusCodes.Status500InternalServerError, new AgentProblem($"The agent's run ended while loading (exit code {await run.Command}).", await run.Command, run.LastOutput()));
            return;
        }

        await Answer(context, StatusCodes.Status200OK, await run.Loaded);
    }

    private async Task CheckAsync(HttpContext context, string id)
    {
        if (Find(id) is not { } run)
        {
            await NotFoundUnlessAnswered(context, false);
            return;
        }

        using var abort = context.RequestAborted.Register(run.Stop.Cancel);
        run.CheckNow();
        if (await Task.WhenAny(run.Report, run.Command) == run.Command && !run.Report.IsCompleted)
        {
            await Answer(context, StatusCodes.Status500InternalServerError, new AgentProblem($"The agent's run ended while checking invariants (exit code {await run.Command}).", await run.Command, run.LastOutput()));
            return;
        }

        var report = await run.Report;
        await Answer(context, StatusCodes.Status200OK, new CheckResult(report.Invariants, AgentSummary.From(report)));
    }

    private IResult Abort(string id)
    {
        if (Find(id) is not { } run)
        {
            return Results.NotFound();
        }

        run.Stop.Cancel();
        return Results.NoContent();
    }

    private AgentRun? Find(string id)
    {
        lock (_lock)
        {
            return _run is { } run && run.Id == id ? run : null;
        }
    }

    private string Mismatch(int protocol, string version) =>
        $"This agent runs {LoadTestApp.Name} {_version} (protocol {AgentProtocol.Version}); the coordinator runs {version} (protocol {protocol}). Run the same build on every load host.";

    private static Task NotFoundUnlessAnswered(HttpContext context, bool answered) =>
        answered ? Task.CompletedTask : Answer(context, StatusCodes.Status404NotFound, new AgentProblem("No such run on this agent: it ended, was aborted, or another run replaced it."));

    private static async Task<T?> ReadAsync<T>(HttpContext context)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(context.Request.Body, AgentProtocol.Json, context.RequestAborted)
                ?? throw new JsonException("the body is null");
        }
        catch (JsonException exception)
        {
            await Answer(context, StatusCodes.Status400BadRequest, new AgentProblem($"The request is not a {typeof(T).Name}: {exception.Message.Split(" Path:", 2)[0]}"));
            return null;
        }
    }

    private static async Task Answer<T>(HttpContext context, int status, T body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, body, AgentProtocol.Json, context.RequestAborted);
    }
}
