namespace RegionGrains.Benchmarks.EventSourcing;

/// <summary>The writes both commit paths of <see cref="CommitPathBenchmarks"/> take, decided by the region's own rules.</summary>
public interface IRegionWriterGrain : IGrainWithStringKey
{
    /// <summary>Defines the region, Online, with one pool of <paramref name="racks"/> racks.</summary>
    [Alias("Define")]
    Task DefineAsync(long racks);

    /// <summary>Holds 2 racks under <paramref name="reservationId"/>; false when the rules refused it.</summary>
    [Alias("Reserve")]
    Task<bool> ReserveAsync(string reservationId);

    /// <summary>Releases <paramref name="reservationId"/>; false when the rules refused it.</summary>
    [Alias("Release")]
    Task<bool> ReleaseAsync(string reservationId);
}
