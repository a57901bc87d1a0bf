namespace RegionGrains.Abstractions.Events;

/// <summary>Where a delivery stands.</summary>
public enum WebhookOutcome
{
    /// <summary>Attempted and failed so far; retried with backoff.</summary>
    Retrying = 0,

    /// <summary>The target answered 2xx.</summary>
    Delivered = 1,

    /// <summary>Every attempt failed; the rule moved on.</summary>
    Failed = 2,
}
