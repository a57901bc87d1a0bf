using System.Collections.Concurrent;
using System.Diagnostics;
using RegionGrains.ServiceDefaults.Telemetry;

namespace RegionGrains.Hosting.Tracing;

/// <summary>
/// What the grain call filters share: the two sources Orleans' own propagation uses (same names, so the telemetry
/// configuration and the span names stay the same), the trace context carried in the <see cref="RequestContext"/>,
/// and the constant tags of each method, built once per method instead of once per call.
/// </summary>
internal static class GrainCallActivities
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
    public const string TargetIdTag = "orleans.rpc.target_id";

    public static readonly ActivitySource Application = new(TelemetryHostingExtensions.OrleansApplicationSource);
    public static readonly ActivitySource Runtime = new(TelemetryHostingExtensions.OrleansRuntimeSource);

    private static readonly ConcurrentDictionary<string, KeyValuePair<string, object?>[]> MethodTags = new(StringComparer.Ordinal);

    /// <summary>Orleans' own grains (membership, directory, streams) go to the runtime source, which is off by default.</summary>
    public static ActivitySource SourceOf(IGrainCallContext context) =>
        context.Request.GetInterfaceType().Namespace is { } ns && ns.StartsWith("Orleans", StringComparison.Ordinal) ? Runtime : Application;

    /// <summary>The span name (<c>{interface}/{method}</c>, as Orleans names it) and its constant tags.</summary>
    public static (string Name, KeyValuePair<string, object?>[] Tags) Describe(IGrainCallContext context)
    {
        var name = context.Request.GetActivityName();
        if (!MethodTags.TryGetValue(name, out var tags))
        {
            tags = MethodTags.GetOrAdd(name, static (_, c) =>
            [
                new("rpc.system.name", "orleans"),
                new("rpc.service", c.InterfaceName),
                new("rpc.method", c.MethodName),
            ], context);
        }

        return (name, tags);
    }

    /// <summary>Puts a span's context where the next hop reads it; <see cref="RequestContext"/> flows with every call made afterwards.</summary>
    public static void Inject(Activity? activity)
    {
        if (activity is not { IdFormat: ActivityIdFormat.W3C })
        {
            return;
        }

        RequestContext.Set(TraceParent, activity.Id!);
        if (activity.TraceStateString is { } state)
        {
            RequestContext.Set(TraceState, state);
        }
    }

    /// <summary>The caller's context as the previous hop injected it, or default when there is none.</summary>
    public static ActivityContext Extract() =>
        RequestContext.Get(TraceParent) is string parent &&
        ActivityContext.TryParse(parent, RequestContext.Get(TraceState) as string, isRemote: true, out var context)
            ? context
            : default;

    /// <summary>Runs the call inside the span, marking a fault (the call threw) as an error.</summary>
    public static async Task InvokeWithin(IGrainCallContext context, Activity activity)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception exception)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.Message);
            activity.AddException(exception);
            throw;
        }
        finally
        {
            activity.Dispose();
        }
    }
}
