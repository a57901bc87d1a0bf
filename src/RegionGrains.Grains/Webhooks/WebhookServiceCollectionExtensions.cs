using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RegionGrains.Abstractions;
using RegionGrains.Abstractions.Events;
using RegionGrains.Journal;

namespace RegionGrains.Grains.Webhooks;

/// <summary>Registers webhook delivery in a silo.</summary>
public static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section)
            .Validate(o => o.RetryBase > TimeSpan.Zero && o.RetryCap >= o.RetryBase, "RetryBase must be positive and RetryCap at least RetryBase.")
            .Validate(o => o.MaxAttempts >= 1 && o.DeliveriesKept >= 1 && o.CatchUpInterval > TimeSpan.Zero && o.AttemptTimeout > TimeSpan.Zero, "MaxAttempts, DeliveriesKept, CatchUpInterval and AttemptTimeout must be positive.")
            .Validate(o => o.AllowedTargets.All(t => t.Length > 0), "AllowedTargets must not hold empty entries.")
            .ValidateOnStart();

        // Rules are journaled where the regions are unless a host registers a journal of their own.
        services.TryAddKeyedSingleton<IJournalStorage>(
            StorageNames.Webhooks, static (services, _) => services.GetRequiredKeyedService<IJournalStorage>(StorageNames.Regions));
        services.TryAddSingleton<WebhookSender>();
        services.AddHostedService<EventRuleWaker>();

        // Secrets are stored encrypted; every silo must read the same key ring, by default under the data directory.
        services.AddDataProtection().SetApplicationName("RegionGrains");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<WebhookOptions>, IConfiguration, ILoggerFactory>((keys, webhooks, configuration, loggers) =>
            keys.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(webhooks.Value.KeysDirectory ?? Path.Combine(configuration["RegionGrains:DataDirectory"] ?? "./data", "keys")),
                loggers));
        return services;
    }
}
