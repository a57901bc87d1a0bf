using System.Text.Json.Serialization;

namespace RegionGrains.LoadTest.Invariants;

/// <summary>
/// Outcome of one invariant: how many things were looked at and how many broke it. <see cref="Passed"/> is
/// null when the invariant does not apply to the scenario (say, reservations where none are made): such a
/// check is reported "not applicable", never "passed", and does not fail the run.
/// </summary>
public sealed record InvariantCheck(bool? Passed, long Checked, long Violations, string Detail)
{
    /// <summary>"passed", "failed" or "not applicable", as the report and the console say it.</summary>
    public string Outcome => Passed switch
    {
        true => "passed",
        false => "failed",
        null => "not applicable",
    };

    /// <summary>True only when the check applied and found a violation.</summary>
    [JsonIgnore]
    public bool Failed => Passed is false;

    public static InvariantCheck NotApplicable(string why) => new(null, 0, 0, why);
}

/// <summary>The invariants checked after every run.</summary>
public sealed record InvariantResults(InvariantCheck NoOverReservation, InvariantCheck FootprintMatchesRegions, InvariantCheck AcknowledgedReservationsPresent)
{
    /// <summary>After every change across regions is decided, each consumer's claims are held exactly where its allocations say.</summary>
    public InvariantCheck ClaimsWhole { get; init; } = InvariantCheck.NotApplicable("the run made no claims");

    /// <summary>The service's usage of the run's project equals the sum of the reservations naming it.</summary>
    public InvariantCheck UsagesMatchHolds { get; init; } = InvariantCheck.NotApplicable("the run held nothing for a project");

    /// <summary>Each consumer's allocations are those of its last acknowledged claim.</summary>
    public InvariantCheck AcknowledgedClaimsPresent { get; init; } = InvariantCheck.NotApplicable("the run made no claims");

    /// <summary><c>soak</c>: the data files stayed bounded under the run's churn (<see cref="Soak.DataGrowthCheck"/>).</summary>
    public InvariantCheck DataFilesBounded { get; init; } = InvariantCheck.NotApplicable("only a soak measures its data files over time");

    /// <summary>No check that applied failed.</summary>
    public bool Passed => !Checks.Any(c => c.Check.Failed);

    /// <summary>Each check under its report name.</summary>
    [JsonIgnore]
    public IReadOnlyList<(string Name, InvariantCheck Check)> Checks =>
    [
        ("noOverReservation", NoOverReservation),
        ("footprintMatchesRegions", FootprintMatchesRegions),
        ("acknowledgedReservationsPresent", AcknowledgedReservationsPresent),
        ("claimsWhole", ClaimsWhole),
        ("usagesMatchHolds", UsagesMatchHolds),
        ("acknowledgedClaimsPresent", AcknowledgedClaimsPresent),
        ("dataFilesBounded", DataFilesBounded),
    ];
}
