namespace RegionGrains.LoadTest.Agents;

/// <summary>
/// The agents' invariant checks as one: each agent checked its own regions (and read every region for the footprint,
/// after all agents had stopped), so a check failed if it failed on any agent, passed if it passed on one and failed on
/// none, and did not apply if it applied on none. Counts add up; the detail names each agent's.
/// </summary>
public static class InvariantMerge
{
    public static InvariantResults Merge(IReadOnlyList<InvariantResults> agents) => new(
        Merge(agents, r => r.NoOverReservation),
        Merge(agents, r => r.FootprintMatchesRegions),
        Merge(agents, r => r.AcknowledgedReservationsPresent))
    {
        ClaimsWhole = Merge(agents, r => r.ClaimsWhole),
        UsagesMatchHolds = Merge(agents, r => r.UsagesMatchHolds),
        AcknowledgedClaimsPresent = Merge(agents, r => r.AcknowledgedClaimsPresent),
    };

    private static InvariantCheck Merge(IReadOnlyList<InvariantResults> agents, Func<InvariantResults, InvariantCheck> check)
    {
        var checks = agents.Select(check).ToList();
        bool? passed = checks.Any(c => c.Passed is false) ? false : checks.Any(c => c.Passed is true) ? true : null;
        return new InvariantCheck(
            passed,
            checks.Sum(c => c.Checked),
            checks.Sum(c => c.Violations),
            string.Join("; ", checks.Select((c, i) => $"agent {i + 1}: {c.Detail}")));
    }
}
