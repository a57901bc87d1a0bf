using Microsoft.AspNetCore.Hosting;

namespace RegionGrains.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway with webhook targets on 127.0.0.1 allowed (the tests' receiver) and retries and catch-up fast enough
/// for a test; on a data directory that a second instance can take over, as after a restart.
/// </summary>
public class WebhookGateway(string dataDirectory) : GatewayFactory(dataDirectory)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RegionGrains:Webhooks:AllowedTargets:0", "127.0.0.1/32");
        builder.UseSetting("RegionGrains:Webhooks:RetryBase", "00:00:00.050");
        builder.UseSetting("RegionGrains:Webhooks:RetryCap", "00:00:00.500");
        builder.UseSetting("RegionGrains:Webhooks:CatchUpInterval", "00:00:01");
    }
}

/// <summary>The webhook gateway shared by the tests of <see cref="WebhookGatewayCollection"/>.</summary>
public sealed class SharedWebhookGateway() : WebhookGateway(NewDataDirectory());

[CollectionDefinition(Name)]
public sealed class WebhookGatewayCollection : ICollectionFixture<SharedWebhookGateway>
{
    public const string Name = "Webhook gateway";
}
