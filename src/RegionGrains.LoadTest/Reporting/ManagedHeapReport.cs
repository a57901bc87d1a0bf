namespace RegionGrains.LoadTest.Reporting;

/// <summary>The silo's managed heap, in bytes, at the points of a <c>scale</c> run.</summary>
public sealed record ManagedHeapReport(long Before, long AfterRegions, long AfterPings);
