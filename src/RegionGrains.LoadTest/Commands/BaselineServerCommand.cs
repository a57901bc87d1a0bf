namespace RegionGrains.LoadTest.Commands;

/// <summary>
/// The <c>http</c> command's bare Kestrel baseline as a server of its own, for an independent load generator
/// (deploy/bench/wrk-gateway.sh runs wrk against it and the gateway in turn). It serves, at
/// <c>/baseline/regions/{id}</c>, the JSON the gateway answered at <c>--body-from</c>, until stopped.
/// </summary>
public sealed class BaselineServerCommand(IAnsiConsole console) : AsyncCommand<BaselineServerSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BaselineServerSettings settings, CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        string body;
        try
        {
            body = await client.GetStringAsync(new Uri(settings.BodyFrom!), cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            console.MarkupLine($"[red]Could not read {Markup.Escape(settings.BodyFrom!)}: {Markup.Escape(exception.Message)}[/]");
            return ExitCodes.TargetUnavailable;
        }

        await using var server = await BareKestrelServer.StartAsync(body, cancellationToken, settings.Url);
        console.MarkupLine($"Serving {server.BodyBytes} bytes of JSON at {Markup.Escape(server.BaseAddress.ToString())}{{id}}; stop with Ctrl+C or SIGTERM.");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, server.Stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        return ExitCodes.Passed;
    }
}
