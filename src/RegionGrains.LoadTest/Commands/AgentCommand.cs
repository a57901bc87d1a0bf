using RegionGrains.LoadTest.Agents;

namespace RegionGrains.LoadTest.Commands;

/// <summary>Serves as a load agent until stopped: a coordinator (<c>grains</c> or <c>http</c> with <c>--agents</c>) runs its share here.</summary>
public sealed class AgentCommand(IAnsiConsole console) : AsyncCommand<AgentSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, AgentSettings settings, CancellationToken cancellationToken)
    {
        await using var server = await AgentServer.StartAsync(settings.Endpoint.ToString(), settings.EffectiveToken, Console.Out, cancellationToken);
        console.MarkupLine(Markup.Escape(
            $"Agent listening on http://{server.Endpoint} ({LoadTestApp.Name} {AgentProtocol.ToolVersion}, protocol {AgentProtocol.Version}, " +
            $"{(settings.EffectiveToken is null ? "no token" : "token required")}); stop with Ctrl+C or SIGTERM."));
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        return ExitCodes.Passed;
    }
}
