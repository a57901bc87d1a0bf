using System.Diagnostics;

namespace RegionGrains.Hosting.Tracing;

/// <summary>
/// The grain's side of a call: a server span under the caller's context when the trace is sampled. When it is not,
/// or nobody listens, the grain runs without a span; the caller's context is still in the request context and
/// reaches the grain's own calls from there, so the trace continues through every grain.
/// </summary>
internal sealed class IncomingGrainCallTracing : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        var source = GrainCallActivities.SourceOf(context);
        if (!source.HasListeners())
        {
            return context.Invoke();
        }

        var (name, tags) = GrainCallActivities.Describe(context);
        var activity = source.StartActivity(name, ActivityKind.Server, GrainCallActivities.Extract(), tags);
        if (activity is null)
        {
            return context.Invoke();
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag(GrainCallActivities.TargetIdTag, context.TargetId.ToString());
        }

        return GrainCallActivities.InvokeWithin(context, activity);
    }
}
