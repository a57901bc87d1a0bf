namespace RegionGrains.LoadTest.Invariants;

/// <summary>Outcome of one invariant: how many things were looked at and how many broke it.</summary>
public sealed record InvariantCheck(bool Passed, long Checked, long Violations, string Detail);

/// <summary>The invariants checked after every run.</summary>
public sealed record InvariantResults(InvariantCheck NoOverReservation, InvariantCheck FootprintMatchesRegions, InvariantCheck AcknowledgedReservationsPresent)
{
    public bool Passed => NoOverReservation.Passed && FootprintMatchesRegions.Passed && AcknowledgedReservationsPresent.Passed;

    public IEnumerable<(string Name, InvariantCheck Check)> Checks =>
    [
        ("noOverReservation", NoOverReservation),
        ("footprintMatchesRegions", FootprintMatchesRegions),
        ("acknowledgedReservationsPresent", AcknowledgedReservationsPresent),
    ];
}
