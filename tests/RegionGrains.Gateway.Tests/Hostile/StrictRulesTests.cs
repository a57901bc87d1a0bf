using Microsoft.Extensions.Primitives;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Http;
using RegionGrains.Gateway.Conditional;

namespace RegionGrains.Gateway.Tests.Hostile;

/// <summary>
/// The strict readers on their own, over thousands of generated values, in milliseconds: the cluster tests
/// (<see cref="StrictInputTests"/>) prove the wiring, these the rules.
/// </summary>
public sealed class StrictRulesTests
{
    private const int Cases = 5_000;

    private static readonly string[] NotLanguages = ["zz", "qq", "xx", "EN", "en ", "eng", "e", ""];

    [Fact]
    public void TextOfInvisibleCharactersOnlyIsBlankAndAnyVisibleCharacterIsNot()
    {
        var values = new HostileValues(new Random(7));
        for (var i = 0; i < Cases; i++)
        {
            var invisible = values.InvisibleText();
            Assert.True(TextRules.IsBlank(invisible), Escaped(invisible));
            Assert.False(RegionValidation.IsValidReason(invisible), Escaped(invisible));
            var visible = invisible + values.Pick(["a", "é", "東", "🚀", "-", "0"]) + values.InvisibleText();
            Assert.False(TextRules.IsBlank(visible), Escaped(visible));
        }
    }

    [Fact]
    public void NoEntityTagListOffTheGrammarIsRead()
    {
        var values = new HostileValues(new Random(11));
        for (var i = 0; i < Cases; i++)
        {
            var header = values.MalformedEntityTags();
            Assert.False(EntityTagList.TryParse(header, out _, out _), Escaped(header));
        }
    }

    [Theory]
    [InlineData("\"1\"", false, "1")]
    [InlineData("W/\"1\"", true, "1")]
    [InlineData("\"\"", false, "")]
    [InlineData("\"!#~\u0080\u00ff\"", false, "!#~\u0080\u00ff")]
    [InlineData(" \"1\" ,\t, W/\"2\" ", false, "1")]
    public void ListsByTheGrammarAreRead(string header, bool firstIsWeak, string firstOpaque)
    {
        Assert.True(EntityTagList.TryParse(header, out var any, out var tags));

        Assert.False(any);
        Assert.Equal(new EntityTagList.Tag(firstIsWeak, firstOpaque), tags[0]);
    }

    [Fact]
    public void AStarIsReadOnlyAlone()
    {
        Assert.True(EntityTagList.TryParse(" * ", out var any, out _) && any);
        Assert.False(EntityTagList.TryParse(new StringValues(["*", "*"]), out _, out _));
        Assert.False(EntityTagList.TryParse("*, \"1\"", out _, out _));
    }

    [Fact]
    public void ANumberWithAnythingAfterItIsNoNumber()
    {
        var values = new HostileValues(new Random(13));
        for (var i = 0; i < Cases; i++)
        {
            var text = values.NumberWithTail(values.Random.Next(1, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.False(StrictNumbers.TryParseInt32(text, 0, int.MaxValue, out _), Escaped(text));
            Assert.False(StrictNumbers.TryParseInt64(text, 0, long.MaxValue, out _), Escaped(text));
            Assert.False(StrictNumbers.TryParseDecimalDouble(text, out _) && !text.EndsWith(".0", StringComparison.Ordinal), Escaped(text));
        }
    }

    [Fact]
    public void OnlyLanguageCodesInForceAreLanguages()
    {
        var values = new HostileValues(new Random(17));
        for (var i = 0; i < Cases; i++)
        {
            var (code, valid) = values.LanguageCode();
            Assert.True(valid == SiteRules.IsValidLanguage(code), code);
        }

        Assert.All(NotLanguages, code => Assert.False(SiteRules.IsValidLanguage(code), code));
    }

    private static string Escaped(string text) => string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));
}
