using System.Globalization;
using Microsoft.Extensions.Primitives;
using RegionGrains.Gateway.Problems;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Events;

/// <summary>Where an event stream resumes: the <c>Last-Event-ID</c> header, or the <c>after</c> query parameter.</summary>
internal static class ResumePoint
{
    public const string Header = "Last-Event-ID";

    /// <summary>
    /// The id to resume after, or null to start from now. The header wins over <c>after</c>: a browser's EventSource
    /// reconnects to the URL it first opened (with its first <c>after</c>) and says in the header how far it got since.
    /// </summary>
    public static long? Read(HttpRequest request, string? after, ValidationErrors errors)
    {
        var header = request.Headers[Header];
        if (header.Count > 0)
        {
            return Parse(header, Header, errors);
        }

        return after is null ? null : Parse(after, "after", errors);
    }

    private static long? Parse(StringValues values, string field, ValidationErrors errors)
    {
        // NumberStyles.None: digits only, so no sign, no white space, nothing trailing.
        var id = 0L;
        var ok = values.Count == 1 && long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out id);
        errors.Check(ok, field, ValidationMessages.ResumePoint(field));
        return ok ? id : null;
    }
}
