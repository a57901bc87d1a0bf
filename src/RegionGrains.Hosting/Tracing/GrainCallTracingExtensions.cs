namespace RegionGrains.Hosting.Tracing;

/// <summary>
/// Trace propagation through grain calls, in place of Orleans' <c>AddActivityPropagation()</c>: the same sources,
/// span names and parent/child links, for less work per call (see docs/benchmarks.md, "Gateway CPU profile").
/// Orleans' filters resolve the source with a culture-aware string comparison, format the source and target grain
/// ids, extract baggage and set every tag under the span's lock on every call; these build each method's tags once,
/// pass them when the span is created, and do nothing but hand on the context when the trace is not sampled.
/// </summary>
public static class GrainCallTracingExtensions
{
    /// <summary>Adds the tracing filters to a silo (incoming calls, and the calls its grains make).</summary>
    public static ISiloBuilder AddGrainCallTracing(this ISiloBuilder silo) =>
        silo.AddOutgoingGrainCallFilter<OutgoingGrainCallTracing>().AddIncomingGrainCallFilter<IncomingGrainCallTracing>();

    /// <summary>Adds the tracing filters to a client (its outgoing calls, and calls to its observers).</summary>
    public static IClientBuilder AddGrainCallTracing(this IClientBuilder client) =>
        client.AddOutgoingGrainCallFilter<OutgoingGrainCallTracing>().AddIncomingGrainCallFilter<IncomingGrainCallTracing>();
}
