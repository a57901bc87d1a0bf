using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Regions;

namespace RegionGrains.Benchmarks.EventSourcing;

/// <summary>The decisions both benchmark grains take, so that they differ only in how a decision is committed.</summary>
internal static class RegionWrites
{
    public const string Resource = "racks";

    public static RegionDefinition Definition { get; } = new("Benchmark", "BR", Geography.Americas, -23.55, -46.63);

    public static RegionDecision Define(RegionRules rules, RegionState state, long racks) =>
        rules.Seed(state, Definition, RegionStatus.Online, ImmutableDictionary<string, long>.Empty.Add(Resource, racks), Context());

    public static RegionDecision Reserve(RegionRules rules, RegionState state, string reservationId) =>
        rules.Reserve(state, new ReservationRequest(reservationId, Resource, 2), Context());

    public static RegionDecision Release(RegionRules rules, RegionState state, string reservationId) =>
        rules.Release(state, reservationId, Context());

    private static ChangeContext Context() => new(DateTimeOffset.UtcNow, "bench");
}
