namespace RegionGrains.Benchmarks.EventSourcing;

/// <summary>A region committing as <c>RegionGrain</c> does: append with the version check, then keep the decided state.</summary>
[Alias("RegionGrains.Benchmarks.IHandWrittenRegionGrain")]
public interface IHandWrittenRegionGrain : IRegionWriterGrain;
