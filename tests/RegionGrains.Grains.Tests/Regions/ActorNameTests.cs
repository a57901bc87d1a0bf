using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Tests.Regions;

/// <summary>What a region records as the actor for whatever name a cluster client put in the request context.</summary>
public sealed class ActorNameTests
{
    [Theory]
    [InlineData(null, "anonymous")]
    [InlineData("", "anonymous")]
    [InlineData(" \u200B\u202E ", "anonymous")]
    [InlineData("alice", "alice")]
    [InlineData("ops@example.com", "ops@example.com")]
    [InlineData("José 🚀", "José 🚀")]
    [InlineData("eve\r\n2026-12-06 INFO admin approved", "eve\\u000D\\u000A2026-12-06 INFO admin approved")]
    [InlineData("mallory\u202Egnp.exe", "mallory\\u202Egnp.exe")]
    public void ANameIsRecordedWithEveryControlFormatAndLoneSurrogateCharacterWrittenOut(string? name, string recorded)
    {
        Assert.Equal(recorded, RegionActor.Of(name));
    }

    [Fact]
    public void ANameIsCutToTheLongestTheGatewayAllowsAndANonStringIsAnonymous()
    {
        Assert.Equal(RegionActor.MaxLength, RegionActor.Of(new string('a', 1_000)).Length);
        Assert.Equal(RegionActor.MaxLength, RegionActor.Of(string.Concat(Enumerable.Repeat("a\n", 500))).Length);
        Assert.Equal("lone\\uD800surrogate", RegionActor.Of("lone" + (char)0xD800 + "surrogate"));
        Assert.Equal(RegionActor.Anonymous, RegionActor.Of(42));
    }
}
