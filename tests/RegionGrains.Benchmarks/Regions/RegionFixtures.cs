using System.Collections.Immutable;
using System.Globalization;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Regions;

namespace RegionGrains.Benchmarks.Regions;

/// <summary>Region states shaped like the ones a load test produces.</summary>
internal static class RegionFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public static RegionDefinition Definition { get; } = new("Brazil (São Paulo)", "BR", Geography.Americas, -23.55, -46.63);

    /// <summary>An Online region with two pools and <paramref name="reservations"/> held reservations without lifetime.</summary>
    public static RegionState State(int reservations)
    {
        var held = Enumerable.Range(0, reservations).ToImmutableDictionary(
            i => string.Create(CultureInfo.InvariantCulture, $"r-{i}"),
            i => new Reservation(string.Create(CultureInfo.InvariantCulture, $"r-{i}"), "racks", 2, null, Now, null));
        return new RegionState
        {
            Definition = Definition,
            Status = RegionStatus.Online,
            Capacity = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
                KeyValuePair.Create("power_kw", new CapacityPool(1_000_000_000, 0)),
                KeyValuePair.Create("racks", new CapacityPool(1_000_000_000, reservations * 2L)),
            ]),
            Reservations = held,
            Version = reservations + 3,
            UpdatedAt = Now,
        };
    }

    public static RegionSnapshot Snapshot(RegionState state, string id = "br-sao-paulo") =>
        new(id, state.Definition!, state.Status, state.Capacity, state.Reservations.Count, state.Version, state.UpdatedAt);
}
