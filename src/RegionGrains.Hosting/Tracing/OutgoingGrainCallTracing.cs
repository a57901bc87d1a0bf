using System.Diagnostics;

namespace RegionGrains.Hosting.Tracing;

/// <summary>
/// The caller's side of a grain call: a client span when the trace is sampled, and the trace context handed to the
/// callee either way. When nothing listens to the grain call source only the current span's context is passed on;
/// when no span is current there is nothing to pass and the filter costs one check.
/// </summary>
internal sealed class OutgoingGrainCallTracing : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        var current = Activity.Current;
        var source = GrainCallActivities.SourceOf(context);
        if (!source.HasListeners())
        {
            GrainCallActivities.Inject(current);
            return context.Invoke();
        }

        var (name, tags) = GrainCallActivities.Describe(context);

        // The sampler decides once, from the parent's flags (parent-based by default): a trace the edge did not
        // sample makes no span here, yet its context still travels so that the callee continues the same trace.
        var activity = source.StartActivity(name, ActivityKind.Client, default(ActivityContext), tags);
        if (activity is null)
        {
            GrainCallActivities.Inject(current);
            return context.Invoke();
        }

        GrainCallActivities.Inject(activity);
        return GrainCallActivities.InvokeWithin(context, activity);
    }
}
