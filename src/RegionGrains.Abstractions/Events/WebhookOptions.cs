namespace RegionGrains.Abstractions.Events;

/// <summary>Webhook delivery, bound from <c>RegionGrains:Webhooks</c> in the gateway (target checks) and the silos (delivery).</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "RegionGrains:Webhooks";

    /// <summary>
    /// Host names and CIDR ranges that targets may use although they are loopback, private or link-local
    /// (e.g. <c>hooks.internal</c>, <c>10.20.0.0/16</c>); nothing by default.
    /// </summary>
    public List<string> AllowedTargets { get; set; } = [];

    /// <summary>The first retry waits up to this long; each later one up to twice as long as the one before (full jitter).</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>No retry waits longer than this.</summary>
    public TimeSpan RetryCap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts per event before it is logged Failed and the rule moves on (about a day at the defaults).</summary>
    public int MaxAttempts { get; set; } = 300;

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A rule wakes on the footprint's change notifications and also compares its regions' versions this often, so a
    /// lost notification delays a delivery by at most this; rules of a failed silo are woken this often too.
    /// </summary>
    public TimeSpan CatchUpInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries kept in a rule's log.</summary>
    public int DeliveriesKept { get; set; } = 1_000;

    /// <summary>Where the Data Protection keys that encrypt rule secrets live; every silo must share them. Default: keys/ in the data directory.</summary>
    public string? KeysDirectory { get; set; }
}
