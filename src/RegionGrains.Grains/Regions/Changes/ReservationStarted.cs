using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Regions.Changes;

/// <summary>A scheduled reservation reached its start: from this version on it holds its amounts.</summary>
/// <param name="Version">The region version this change produced.</param>
/// <param name="Time">When the start was applied (at or after the booked start).</param>
/// <param name="Actor">Always the system.</param>
/// <param name="ReservationId">The reservation that started.</param>
/// <param name="Holds">What it holds from now on, for history.</param>
[GenerateSerializer, Immutable, Alias("rg.started")]
public sealed record ReservationStarted(
    long Version,
    DateTimeOffset Time,
    string Actor,
    [property: Id(0)] string ReservationId,
    [property: Id(1)] string Holds) : RegionChange(Version, Time, Actor)
{
    public override RegionEventKind Kind => RegionEventKind.Started;

    public override string Describe() => $"{ReservationId}: {Holds} from now";
}
