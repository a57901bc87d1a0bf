using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RegionGrains.Abstractions.Events;

namespace RegionGrains.Grains.Webhooks;

/// <summary>
/// On every silo, wakes every webhook rule once per catch-up interval: a rule lives in one activation, and when its silo
/// fails nothing else would call it again, so its deliveries would stop until someone read it.
/// </summary>
internal sealed partial class EventRuleWaker(IGrainFactory grains, IOptions<WebhookOptions> options, ILogger<EventRuleWaker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CatchUpInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await grains.GetGrain<IEventRuleRegistryGrain>(IEventRuleRegistryGrain.Key).WakeAllAsync();
            }
            catch (Exception exception)
            {
                LogWakeFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Waking webhook rules failed; trying again at the next interval")]
    private partial void LogWakeFailed(Exception exception);
}
