using Microsoft.Extensions.Primitives;

namespace RegionGrains.Gateway.Conditional;

/// <summary>
/// The value of an <c>If-Match</c> or <c>If-None-Match</c> header read by RFC 9110's grammar, to the letter:
/// <c>"*" / #entity-tag</c>, where <c>entity-tag = [ %s"W/" ] DQUOTE *etagc DQUOTE</c> and <c>etagc</c> is
/// <c>%x21 / %x23-7E / %x80-FF</c>. So the weak prefix is an upper-case <c>W/</c> right before the quote; a tag holds
/// no space, quote, control character or DEL; <c>*</c> stands alone; list elements are separated by commas with
/// optional spaces and tabs, and empty elements are skipped (§5.6.1.2). The platform's list parser accepts more
/// (a lower-case <c>w/</c>, a space inside a tag, <c>*</c> among tags), and a condition read loosely is a guess.
/// </summary>
internal static class EntityTagList
{
    /// <summary>One entity tag: whether it is weak, and its opaque part without the quotes.</summary>
    public readonly record struct Tag(bool IsWeak, string Opaque);

    /// <summary>
    /// Parses every line of the header as one list. True for <c>*</c> (<paramref name="any"/>) or at least one tag;
    /// false for anything else, an empty list included.
    /// </summary>
    public static bool TryParse(StringValues header, out bool any, out List<Tag> tags)
    {
        tags = [];

        // "*" is the whole field value or nothing: it does not combine with tags, with itself or with empty elements.
        any = header.Count == 1 && header[0].AsSpan().Trim(" \t") is "*";
        if (any)
        {
            return true;
        }

        foreach (var line in header)
        {
            if (!TryParseLine(line ?? string.Empty, tags))
            {
                return false;
            }
        }

        return tags.Count > 0;
    }

    private static bool TryParseLine(string line, List<Tag> tags)
    {
        var i = 0;
        while (true)
        {
            SkipSpaces(line, ref i);
            if (i == line.Length)
            {
                return true;
            }

            if (line[i] == ',')
            {
                i++;
                continue;
            }

            if (!TryParseTag(line, ref i, tags))
            {
                return false;
            }

            SkipSpaces(line, ref i);
            if (i < line.Length && line[i++] != ',')
            {
                return false;
            }
        }
    }

    private static bool TryParseTag(string line, ref int i, List<Tag> tags)
    {
        var weak = line.AsSpan(i).StartsWith("W/", StringComparison.Ordinal);
        var start = weak ? i + 3 : i + 1;
        if (start > line.Length || line[start - 1] != '"')
        {
            return false;
        }

        var end = start;
        while (end < line.Length && IsEtagc(line[end]))
        {
            end++;
        }

        if (end == line.Length || line[end] != '"')
        {
            return false;
        }

        tags.Add(new Tag(weak, line[start..end]));
        i = end + 1;
        return true;
    }

    private static bool IsEtagc(char c) => c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);

    private static void SkipSpaces(string line, ref int i)
    {
        while (i < line.Length && line[i] is ' ' or '\t')
        {
            i++;
        }
    }
}
