using RegionGrains.LoadTest.Workload;

namespace RegionGrains.LoadTest.Tests.Cli;

public sealed class OperationMixTests
{
    [Fact]
    public void TheDocumentedExampleParsesIntoItsWeights()
    {
        var mix = OperationMix.Parse("read=80,reserve=15,status=5");

        Assert.Equal(80, mix.Weights[OperationKind.Read]);
        Assert.Equal(15, mix.Weights[OperationKind.Reserve]);
        Assert.Equal(5, mix.Weights[OperationKind.Status]);
        Assert.False(mix.Includes(OperationKind.Capacity));
        Assert.Equal(100, mix.TotalWeight);
    }

    [Fact]
    public void KindsAreCaseInsensitiveAndCapacityIsAllowed()
    {
        var mix = OperationMix.Parse(" READ=1 , capacity=3 ");

        Assert.Equal(1, mix.Weights[OperationKind.Read]);
        Assert.Equal(3, mix.Weights[OperationKind.Capacity]);
    }

    [Fact]
    public void PlacementTwoPoolReservationsClaimsAndFootprintReadsAreKinds()
    {
        var mix = OperationMix.Parse("place=1,reserve2=2,claim=3,claim2=4,claim3=5,footprint=6");

        Assert.Equal(
            [(OperationKind.Place, 1), (OperationKind.Reserve2, 2), (OperationKind.Claim, 3), (OperationKind.Claim2, 4), (OperationKind.Claim3, 5), (OperationKind.Footprint, 6)],
            mix.Weights.Select(w => (w.Key, w.Value)));
        Assert.True(mix.IncludesClaims);
        Assert.False(OperationMix.Parse("reserve2=1,place=1").IncludesClaims);
        Assert.Equal("place=1,reserve2=2,claim=3,claim2=4,claim3=5,footprint=6", mix.ToString());
    }

    [Fact]
    public void AnUnknownKindIsRefusedNamingEveryKind()
    {
        Assert.False(OperationMix.TryParse("claim4=1", out _, out var error));

        Assert.Contains("read, reserve, status, capacity, place, reserve2, claim, claim2, claim3, footprint", error, StringComparison.Ordinal);
    }

    [Fact]
    public void DrawsFollowTheCumulativeWeights()
    {
        var mix = OperationMix.Parse("read=80,reserve=15,status=5");

        Assert.Equal(OperationKind.Read, mix.Pick(0));
        Assert.Equal(OperationKind.Read, mix.Pick(79));
        Assert.Equal(OperationKind.Reserve, mix.Pick(80));
        Assert.Equal(OperationKind.Reserve, mix.Pick(94));
        Assert.Equal(OperationKind.Status, mix.Pick(95));
        Assert.Equal(OperationKind.Status, mix.Pick(99));
    }

    [Fact]
    public void AZeroWeightKindIsNeverDrawn()
    {
        var mix = OperationMix.Parse("read=0,reserve=1");

        Assert.All(Enumerable.Range(0, mix.TotalWeight), draw => Assert.Equal(OperationKind.Reserve, mix.Pick(draw)));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("read", "kind=weight")]
    [InlineData("write=5", "kind=weight")]
    [InlineData("0=5", "kind=weight")]
    [InlineData("read=-1", "whole number")]
    [InlineData("read=ten", "whole number")]
    [InlineData("read=1,read=2", "twice")]
    [InlineData("read=0,status=0", "above 0")]
    public void MalformedMixesAreRefusedWithAReason(string text, string reason)
    {
        Assert.False(OperationMix.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ZipfKeysFavourTheFirstRegions()
    {
        var keys = KeyDistribution.Create(KeyDistributionKind.Zipf, 1_000, 1.0);
        var random = new Random(7);
        var draws = Enumerable.Range(0, 20_000).Select(_ => keys.Draw(random)).ToArray();

        Assert.All(draws, d => Assert.InRange(d, 0, 999));
        Assert.True(draws.Count(d => d == 0) > draws.Count(d => d == 999) * 20, "Region 0 should be far hotter than region 999.");
    }
}
