using System.Text.Json;
using RegionGrains.Abstractions.Regions;
using RegionGrains.LoadTest.Invariants;
using RegionGrains.LoadTest.Reporting;
using RegionGrains.LoadTest.Tests.Support;
using RegionGrains.LoadTest.Workload;

namespace RegionGrains.LoadTest.Tests.Reporting;

public sealed class ReportSchemaTests : IDisposable
{
    private readonly CliRunner _files = new();

    [Fact]
    public async Task AReportHoldsEveryRequiredFieldAndAMarkdownSummaryBesideIt()
    {
        var path = _files.ReportPath("schema");

        await ReportWriter.WriteAsync(SampleReport(), path, CancellationToken.None);

        var report = CliRunner.ReadReport(path);
        ReportAssert.HasEveryField(report);
        Assert.Equal("grains", report.GetProperty("scenario").GetString());
        Assert.Equal(3, report.GetProperty("operations").GetInt64());
        Assert.Equal(1, report.GetProperty("errors").GetProperty("TimeoutException").GetInt64());
        Assert.Equal("ping-grain", report.GetProperty("baseline").GetProperty("name").GetString());
        Assert.False(report.GetProperty("invariants").GetProperty("passed").GetBoolean());
        Assert.False(report.GetProperty("invariants").GetProperty("footprintMatchesRegions").GetProperty("passed").GetBoolean());

        var markdown = await File.ReadAllTextAsync(Path.ChangeExtension(path, ".md"));
        Assert.Contains("# Load test: grains", markdown, StringComparison.Ordinal);
        Assert.Contains("| footprintMatchesRegions | **no** |", markdown, StringComparison.Ordinal);
        Assert.Contains("ratio to baseline", markdown, StringComparison.Ordinal);

        var html = await File.ReadAllTextAsync(Path.ChangeExtension(path, ".html"));
        Assert.Contains("<h1>Load test: grains</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<td>footprintMatchesRegions</td><td>failed</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACheckThatDoesNotApplyIsReportedNotApplicableNeverPassed()
    {
        var path = _files.ReportPath("not-applicable");
        var stats = new PhaseStats("region-activation");
        stats.CountOperation();
        stats.AddRound(TimeSpan.FromSeconds(1), ProcessUsage.Zero);
        var invariants = new InvariantResults(
            new InvariantCheck(true, 1, 0, "ok"), new InvariantCheck(true, 1, 0, "ok"), InvariantCheck.NotApplicable("no reservations are made in this scenario"));

        await ReportWriter.WriteAsync(RunReport.Create("scale", new Dictionary<string, object?>(), stats, null, invariants), path, CancellationToken.None);

        var check = CliRunner.ReadReport(path).GetProperty("invariants").GetProperty("acknowledgedReservationsPresent");
        Assert.Equal(JsonValueKind.Null, check.GetProperty("passed").ValueKind);
        Assert.Equal("not applicable", check.GetProperty("outcome").GetString());
        Assert.True(CliRunner.ReadReport(path).GetProperty("invariants").GetProperty("passed").GetBoolean());
        var markdown = await File.ReadAllTextAsync(Path.ChangeExtension(path, ".md"));
        Assert.Contains("| acknowledgedReservationsPresent | not applicable |", markdown, StringComparison.Ordinal);
        var claims = CliRunner.ReadReport(path).GetProperty("invariants").GetProperty("claimsWhole");
        Assert.Equal("not applicable", claims.GetProperty("outcome").GetString());
        Assert.Contains("| usagesMatchHolds | not applicable |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutABaselineTheRatioIsNullButTheFieldsRemain()
    {
        var stats = new PhaseStats("region-grain");
        stats.CountOperation();
        stats.AddRound(TimeSpan.FromSeconds(1), ProcessUsage.Zero);

        var report = RunReport.Create("grains", new Dictionary<string, object?>(), stats, null, Passing(), null);
        var json = JsonSerializer.SerializeToElement(report, ReportWriter.Json);

        ReportAssert.HasEveryField(json);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("baseline").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("ratioToBaseline").ValueKind);
    }

    [Fact]
    public void TheFootprintComparisonNamesEveryDifference()
    {
        var regions = new[]
        {
            new RegionView("a", RegionStatus.Online, Geography.Europe, new Dictionary<string, PoolView> { ["racks"] = new(10, 4, 10) }, 1),
            new RegionView("b", RegionStatus.Planned, Geography.Americas, new Dictionary<string, PoolView> { ["racks"] = new(5, 0, 5) }, 0),
        };
        var expected = FootprintView.Sum(regions);
        var stale = FootprintView.Sum(regions[..1]);

        Assert.Empty(expected.Differences(FootprintView.Sum(regions.Reverse())));
        var differences = expected.Differences(stale);
        Assert.Contains("regions 1, expected 2", differences);
        Assert.Contains("status Planned 0, expected 1", differences);
        Assert.Contains("geography Americas 0, expected 1", differences);
        Assert.Contains("racks total/reserved 10/4, expected 15/4", differences);
        Assert.Contains("racks usable 10, expected 15", differences);
    }

    public void Dispose() => _files.Dispose();

    private static InvariantResults Passing() => new(
        new InvariantCheck(true, 1, 0, "ok"), new InvariantCheck(true, 1, 0, "ok"), new InvariantCheck(true, 0, 0, "ok"));

    private static RunReport SampleReport()
    {
        var measured = new PhaseStats("region-grain");
        var baseline = new PhaseStats("ping-grain");
        for (var i = 0; i < 3; i++)
        {
            measured.Latency.Record(TimeSpan.FromMilliseconds(i + 1));
            measured.CountOperation();
            baseline.CountOperation();
        }

        measured.Errors.Add("TimeoutException");
        measured.AddRound(TimeSpan.FromSeconds(1), new ProcessUsage(TimeSpan.FromMilliseconds(3), TimeSpan.FromMilliseconds(4), 1, 0, 0));
        baseline.AddRound(TimeSpan.FromSeconds(0.5), ProcessUsage.Zero);
        var invariants = new InvariantResults(
            new InvariantCheck(true, 10, 0, "none over"),
            new InvariantCheck(false, 10, 1, "regions 9, expected 10"),
            new InvariantCheck(true, 2, 0, "all found"));
        return RunReport.Create("grains", new Dictionary<string, object?> { ["regions"] = 10 }, measured, baseline, invariants, new Dictionary<string, object?> { ["note"] = "sample" });
    }
}
