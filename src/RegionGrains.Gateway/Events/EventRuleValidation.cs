using System.Net;
using System.Net.Sockets;
using RegionGrains.Abstractions.Events;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Problems;

namespace RegionGrains.Gateway.Events;

/// <summary>Checks a rule's body with <see cref="WebhookRules"/>, and that its target does not reach inside.</summary>
internal static class EventRuleValidation
{
    public const int MaxRegions = 1_000;
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    public static async Task<EventRule?> CheckAsync(string name, EventRuleRequest body, WebhookOptions options, ValidationErrors errors, CancellationToken cancellationToken)
    {
        errors.Check(WebhookRules.IsValidName(name), "name", ValidationMessages.WebhookName)
            .Check(body.On is { Length: > 0 } && body.On.Length <= Enum.GetValues<RegionEventKind>().Length, "on", ValidationMessages.EventKinds)
            .Check(body.Regions is null || (body.Regions.Length <= MaxRegions && body.Regions.All(RegionNames.IsValidRegionId)), "regions", ValidationMessages.EventRegions(MaxRegions))
            .Check(WebhookRules.TryDecodeSecret(body.Secret, out _), "secret", ValidationMessages.WebhookSecret);
        if (body.When is { } when)
        {
            errors.Resource(when.Resource, "when.resource")
                .Check(when.UtilizationAbove is >= 0 and <= 1, "when.utilizationAbove", ValidationMessages.UtilizationAbove)
                .Check(when.For is null || (when.For >= TimeSpan.Zero && when.For <= TimeSpan.FromDays(30)), "when.for", ValidationMessages.ConditionFor);
        }

        if (!WebhookRules.TryParseTarget(body.Target?.Url, out var target))
        {
            errors.Check(false, "target.url", ValidationMessages.WebhookUrl);
        }
        else
        {
            errors.Check(await ReachesOnlyAllowedAsync(target, options, cancellationToken), "target.url", ValidationMessages.WebhookPrivateTarget);
        }

        return errors.IsEmpty
            ? new EventRule(
                [.. body.On!.Distinct()],
                body.Regions is null ? [] : [.. body.Regions.Distinct(StringComparer.Ordinal)],
                body.When is { } w ? new UtilizationCondition(w.Resource!, w.UtilizationAbove!.Value, w.For ?? TimeSpan.Zero) : null,
                target!.AbsoluteUri,
                body.Secret!)
            : null;
    }

    /// <summary>
    /// Every address the target's host has now is one targets may use. Checked again at every connection (DNS answers
    /// change); this check is so that a rule that could never be delivered is refused when it is made.
    /// </summary>
    private static async Task<bool> ReachesOnlyAllowedAsync(Uri target, WebhookOptions options, CancellationToken cancellationToken)
    {
        var host = target.IdnHost.Trim('[', ']');
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(ResolveTimeout);
                addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
            }
            catch (Exception exception) when (exception is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // A name that does not resolve yet is not refused: the check at delivery applies once it does.
                return true;
            }
        }

        return addresses.All(a => WebhookRules.IsAllowed(host, a, options.AllowedTargets));
    }
}
