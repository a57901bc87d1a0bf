using RegionGrains.Gateway.Problems;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Http;

/// <summary>
/// <c>?dryRun=true</c> on a write: the write is decided exactly as it would be and answered the same (status, body,
/// headers), and nothing is stored. Only <c>true</c> and <c>false</c> are accepted, so that a misspelt value never
/// turns a rehearsal into a real change.
/// </summary>
internal static class DryRunQuery
{
    public const string Name = "dryRun";

    /// <summary>Whether the request asks for a dry run; adds an error when the value is neither true nor false.</summary>
    public static bool Read(HttpRequest request, ValidationErrors errors)
    {
        var values = request.Query[Name];
        switch (values.Count)
        {
            case 0:
                return false;
            case 1 when values[0] == "true":
                return true;
            case 1 when values[0] == "false":
                return false;
            default:
                errors.Check(false, Name, ValidationMessages.DryRun);
                return false;
        }
    }
}
