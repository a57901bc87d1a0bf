using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Tests.Regions;

/// <summary>The shared value rules, table-driven: what the gateway and the grain both accept and refuse.</summary>
public sealed class ValueRuleTests
{
    [Theory]
    [InlineData("br-sao-paulo", true)]
    [InlineData("br-sao-paulo\n", false)]
    [InlineData("br-sao-paulo\r\n", false)]
    [InlineData("\nbr-sao-paulo", false)]
    [InlineData("BR-sao-paulo", false)]
    [InlineData("b", false)]
    public void RegionIdsMatchTheWholeValueAndNothingAfterIt(string id, bool valid) => Assert.Equal(valid, RegionNames.IsValidRegionId(id));

    [Theory]
    [InlineData("gpus\n")]
    [InlineData("power_kw\n")]
    public void ResourceNamesRefuseATrailingNewline(string resource) => Assert.False(RegionNames.IsValidResource(resource));

    [Theory]
    [InlineData("r-1\n")]
    [InlineData("r-1\r")]
    public void ReservationIdsRefuseATrailingNewline(string id) => Assert.False(RegionNames.IsValidReservationId(id));

    [Theory]
    [InlineData("BR", true)]
    [InlineData("BR\n", false)]
    [InlineData("br", false)]
    public void CountryCodesAreTwoCapitalsExactly(string code, bool valid) => Assert.Equal(valid, RegionNames.IsValidCountryCode(code));

    [Theory]
    [InlineData("Online", true)]
    [InlineData("online", false)]
    [InlineData("3", false)]
    [InlineData("UnderConstruction,Launching", false)]
    [InlineData("Online ", false)]
    [InlineData("", false)]
    public void StatusesParseOnlyFromTheirExactNames(string text, bool valid)
    {
        Assert.Equal(valid, RegionValidation.TryParseExact<RegionStatus>(text, out var status));
        Assert.Equal(valid ? RegionStatus.Online : default, status);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1_000_000_000_000, true)]
    [InlineData(1_000_000_000_001, false)]
    [InlineData(-1, false)]
    [InlineData(long.MaxValue, false)]
    public void PoolTotalsRunFromZeroToTenToTheTwelfth(long total, bool valid) => Assert.Equal(valid, RegionValidation.IsValidTotal(total));

    [Theory]
    [InlineData(1L, true)]
    [InlineData(2_147_483_647L, true)]
    [InlineData(2_147_483_648L, false)]
    [InlineData(0L, false)]
    [InlineData(null, true)]
    public void LifetimesRunFromOneSecondToIntMaxValue(long? ttl, bool valid) => Assert.Equal(valid, RegionValidation.IsValidTtl(ttl));

    [Theory]
    [InlineData("São Paulo 🚀", true)]
    [InlineData("Paris\n", false)]
    [InlineData("a\u0000b", false)]
    [InlineData("\u0085", false)]
    [InlineData("   ", false)]
    [InlineData("", false)]
    public void TextTakesNoControlCharactersOrLoneSurrogates(string text, bool valid)
    {
        Assert.Equal(valid, RegionValidation.IsValidDisplayName(text));
        Assert.Equal(valid, RegionValidation.IsValidReason(text));
    }

    [Fact]
    public void ALoneSurrogateIsRefusedAndAPairAccepted()
    {
        // Built at run time: an attribute argument would store the lone surrogate as U+FFFD.
        Assert.False(RegionValidation.IsValidDisplayName("lone " + (char)0xD800 + " high"));
        Assert.False(RegionValidation.IsValidDisplayName("lone " + (char)0xDC00 + " low"));
        Assert.False(RegionValidation.IsValidDisplayName("ends high " + (char)0xD83D));
        Assert.True(RegionValidation.IsValidDisplayName("pair " + (char)0xD83D + (char)0xDE80));
    }

    [Fact]
    public void DisplayNamesAndReasonsHaveTheirOwnLengths()
    {
        Assert.True(RegionValidation.IsValidDisplayName(new string('x', RegionValidation.MaxDisplayNameLength)));
        Assert.False(RegionValidation.IsValidDisplayName(new string('x', RegionValidation.MaxDisplayNameLength + 1)));
        Assert.True(RegionValidation.IsValidReason(new string('x', RegionValidation.MaxReasonLength)));
        Assert.False(RegionValidation.IsValidReason(new string('x', RegionValidation.MaxReasonLength + 1)));
    }
}
