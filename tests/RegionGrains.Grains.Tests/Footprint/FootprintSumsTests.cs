using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Footprint;

namespace RegionGrains.Grains.Tests.Footprint;

/// <summary>Footprint sums are checked: an overflow fails loudly instead of publishing a negative total.</summary>
public sealed class FootprintSumsTests
{
    [Fact]
    public void ASumThatWouldOverflowThrowsInsteadOfWrappingToANegativeTotal()
    {
        var sums = new FootprintSums();
        sums.Replace(null, Region("a", long.MaxValue - 1));

        Assert.Throws<OverflowException>(() => sums.Replace(null, Region("b", 2)));
    }

    [Fact]
    public void SumsOfCappedTotalsAreExact()
    {
        var sums = new FootprintSums();
        for (var i = 0; i < 1_000; i++)
        {
            sums.Replace(null, Region($"r-{i}", RegionValidation.MaxPoolTotal));
        }

        var aggregate = sums.ToAggregate(0, [], null);
        Assert.Equal(1_000 * RegionValidation.MaxPoolTotal, aggregate.Resources["gpus"].Total);
    }

    private static RegionSnapshot Region(string id, long total) => new(
        id,
        new RegionDefinition("Sum test", "FR", Geography.Europe, 0, 0),
        RegionStatus.Online,
        ImmutableSortedDictionary<string, CapacityPool>.Empty.Add("gpus", new CapacityPool(total, 0)),
        0,
        1,
        DateTimeOffset.UnixEpoch);
}
