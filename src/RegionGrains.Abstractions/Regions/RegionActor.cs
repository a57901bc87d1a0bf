using System.Globalization;
using System.Text;

namespace RegionGrains.Abstractions.Regions;

/// <summary>
/// Who made a change. The gateway puts the authenticated caller's name into Orleans' request context under
/// <see cref="ContextKey"/> before it calls a region; the region records it with every change it journals.
/// </summary>
public static class RegionActor
{
    /// <summary>The <c>RequestContext</c> key holding the caller's name (token subject or API key name).</summary>
    public const string ContextKey = "rg-actor";

    /// <summary>The actor of changes the service makes by itself: expiry, scheduled changes as they fire, and catalog seeding.</summary>
    public const string System = "system";

    /// <summary>The actor recorded when a change arrives without a caller's name (authentication off).</summary>
    public const string Anonymous = "anonymous";

    /// <summary>The longest actor name recorded, as the gateway allows for a caller's name.</summary>
    public const int MaxLength = 255;

    /// <summary>
    /// The actor to record for a name that arrived in the request context: <see cref="Anonymous"/> when there is none
    /// (or it shows nothing), otherwise the name with every control, format and lone surrogate character written as
    /// <c>\uXXXX</c> and cut to <see cref="MaxLength"/>. The gateway refuses such names before any call; this keeps
    /// any other cluster client from writing a line break or a bidirectional override into a region's history.
    /// </summary>
    public static string Of(object? name)
    {
        if (name is not string text || TextRules.IsBlank(text))
        {
            return Anonymous;
        }

        var clean = true;
        foreach (var c in text)
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return text.Length <= MaxLength ? text : text[..MaxLength];
        }

        var escaped = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length && escaped.Length < MaxLength; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped.Append(c).Append(text[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.Length <= MaxLength ? escaped.ToString() : escaped.ToString(0, MaxLength);
    }
}
