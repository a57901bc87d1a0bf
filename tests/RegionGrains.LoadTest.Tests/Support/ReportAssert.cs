using System.Text.Json;
using RegionGrains.LoadTest.Reporting;

namespace RegionGrains.LoadTest.Tests.Support;

/// <summary>Checks a report document against the fields every report carries (<see cref="RunReport.RequiredFields"/>).</summary>
public static class ReportAssert
{
    public static void HasEveryField(JsonElement report)
    {
        foreach (var field in RunReport.RequiredFields)
        {
            Assert.True(report.TryGetProperty(field, out _), $"The report lacks '{field}'.");
        }

        var latency = report.GetProperty("latencyMs");
        foreach (var percentile in new[] { "p50", "p90", "p99", "p999", "max" })
        {
            Assert.Equal(JsonValueKind.Number, latency.GetProperty(percentile).ValueKind);
        }

        var gc = report.GetProperty("gcCollections");
        foreach (var generation in new[] { "gen0", "gen1", "gen2" })
        {
            Assert.Equal(JsonValueKind.Number, gc.GetProperty(generation).ValueKind);
        }

        Assert.Equal(JsonValueKind.Object, report.GetProperty("settings").ValueKind);
        Assert.Equal(JsonValueKind.Object, report.GetProperty("errors").ValueKind);
        var invariants = report.GetProperty("invariants");
        Assert.True(invariants.GetProperty("passed").ValueKind is JsonValueKind.True or JsonValueKind.False, "invariants.passed is not a boolean.");
        foreach (var check in new[] { "noOverReservation", "footprintMatchesRegions", "acknowledgedReservationsPresent", "claimsWhole", "usagesMatchHolds", "acknowledgedClaimsPresent", "dataFilesBounded" })
        {
            var item = invariants.GetProperty(check);
            foreach (var field in new[] { "passed", "checked", "violations", "detail" })
            {
                Assert.True(item.TryGetProperty(field, out _), $"Invariant '{check}' lacks '{field}'.");
            }
        }
    }

    /// <summary>
    /// A mix's report gives each operation kind's latency, and the whole run's mean is the operations' means weighted
    /// by their counts, so it lies between the smallest and the largest of them.
    /// </summary>
    public static void LatencyIsBrokenDownByOperation(JsonElement report, params string[] kinds)
    {
        var byOperation = report.GetProperty("latencyByOperationMs");
        var means = kinds.Select(kind => byOperation.GetProperty(kind).GetProperty("mean").GetDouble()).ToList();
        Assert.All(means, mean => Assert.True(mean > 0, $"An operation's mean latency is {mean} ms."));
        var overall = report.GetProperty("latencyMs").GetProperty("mean").GetDouble();
        // Means are rounded to the microsecond.
        Assert.InRange(overall, means.Min() - 0.001, means.Max() + 0.001);
    }

    /// <summary>The checks of claims, usages and acknowledged reservations applied and passed, each having checked something.</summary>
    public static void ClaimChecksPassed(JsonElement report)
    {
        var invariants = report.GetProperty("invariants");
        foreach (var name in new[] { "noOverReservation", "acknowledgedReservationsPresent", "claimsWhole", "usagesMatchHolds", "acknowledgedClaimsPresent" })
        {
            var check = invariants.GetProperty(name);
            Assert.True(check.GetProperty("outcome").GetString() == "passed", $"{name}: {check}");
            Assert.True(check.GetProperty("checked").GetInt64() > 0, $"{name} checked nothing: {check}");
        }
    }

    /// <summary>A finished smoke run: every field, some operations, no faults, invariants held, baseline measured.</summary>
    public static void SmokeRunHeld(JsonElement report, string scenario, string baselineName)
    {
        HasEveryField(report);
        Assert.Equal(scenario, report.GetProperty("scenario").GetString());
        Assert.True(report.GetProperty("operations").GetInt64() > 0, "The run completed no operation.");
        Assert.Empty(report.GetProperty("errors").EnumerateObject());
        Assert.True(report.GetProperty("invariants").GetProperty("passed").GetBoolean(), report.GetProperty("invariants").ToString());
        Assert.Equal(baselineName, report.GetProperty("baseline").GetProperty("name").GetString());
        Assert.True(report.GetProperty("baseline").GetProperty("throughputPerSecond").GetDouble() > 0);
        Assert.True(report.GetProperty("ratioToBaseline").GetDouble() > 0);
    }
}
