namespace RegionGrains.LoadTest.Reporting;

/// <summary>The settings of a <c>scale</c> run, as its report gives them.</summary>
public sealed record ScaleReportSettings(int Regions, int Concurrency, string Mode, string Gc);
