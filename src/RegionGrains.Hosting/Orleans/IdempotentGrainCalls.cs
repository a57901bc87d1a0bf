using System.Collections.Concurrent;
using System.Reflection;
using RegionGrains.Abstractions;

namespace RegionGrains.Hosting.Orleans;

/// <summary>
/// Whether a grain method may be sent again after a failure that leaves unknown whether it ran: the interface marks it
/// <see cref="IdempotentAttribute"/> (reads, and commands keyed by an idempotency key). Status changes, releases and
/// definitions are not marked: a second run would answer differently (409, 404, 412) from the first.
/// </summary>
internal static class IdempotentGrainCalls
{
    private static readonly ConcurrentDictionary<MethodInfo, bool> Marked = new();

    public static bool Contains(MethodInfo? method) =>
        method is not null && Marked.GetOrAdd(method, static m => m.IsDefined(typeof(IdempotentAttribute), inherit: false));
}
