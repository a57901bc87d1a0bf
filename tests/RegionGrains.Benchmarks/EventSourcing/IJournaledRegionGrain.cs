namespace RegionGrains.Benchmarks.EventSourcing;

/// <summary>A region committing through Orleans' <c>JournaledGrain</c> with custom storage over the same journal.</summary>
[Alias("RegionGrains.Benchmarks.IJournaledRegionGrain")]
public interface IJournaledRegionGrain : IRegionWriterGrain;
