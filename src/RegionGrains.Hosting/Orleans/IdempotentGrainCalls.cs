using System.Reflection;
using RegionGrains.Abstractions.Footprint;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Hosting.Orleans;

/// <summary>
/// Grain methods that the gateway may send again after a failure that leaves unknown whether they ran: running one
/// twice has the effect of running it once. Reads change nothing; a reservation carries its id as an idempotency key
/// (the same id and body return the original); setting a pool's total sets it to the same value. Status changes,
/// releases and definitions are not here: a second run would answer differently (409, 404, 412) from the first.
/// </summary>
internal static class IdempotentGrainCalls
{
    private static readonly HashSet<MethodInfo> Methods =
    [
        Method<IRegionGrain>(nameof(IRegionGrain.GetAsync)),
        Method<IRegionGrain>(nameof(IRegionGrain.GetReservationAsync)),
        Method<IRegionGrain>(nameof(IRegionGrain.GetHistoryAsync)),
        Method<IRegionGrain>(nameof(IRegionGrain.ReserveAsync)),
        Method<IRegionGrain>(nameof(IRegionGrain.SetCapacityAsync)),
        Method<IFootprintGrain>(nameof(IFootprintGrain.GetAsync)),
        Method<IFootprintGrain>(nameof(IFootprintGrain.ListRegionsAsync)),
        Method<IFootprintGrain>(nameof(IFootprintGrain.SubscribeAsync)),
    ];

    public static bool Contains(MethodInfo? method) => method is not null && Methods.Contains(method);

    private static MethodInfo Method<TGrain>(string name) =>
        typeof(TGrain).GetMethod(name) ?? throw new InvalidOperationException($"{typeof(TGrain).Name} has no method {name}.");
}
