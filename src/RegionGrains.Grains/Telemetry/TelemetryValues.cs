using System.Text.Json;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Grains.Telemetry;

/// <summary>Tag values computed once, so that recording an outcome or a status does not allocate.</summary>
internal static class TelemetryValues
{
    private static readonly string[] Outcomes = Names<RegionOutcome>(JsonNamingPolicy.SnakeCaseLower);
    private static readonly string[] Statuses = Names<RegionStatus>(null);

    /// <summary><c>insufficient_capacity</c>, <c>created</c>, ...</summary>
    public static string Of(RegionOutcome outcome) => (uint)outcome < (uint)Outcomes.Length ? Outcomes[(int)outcome] ?? outcome.ToString() : outcome.ToString();

    /// <summary>The status as the API spells it: <c>Online</c>, <c>UnderConstruction</c>, ...</summary>
    public static string Of(RegionStatus status) => (uint)status < (uint)Statuses.Length ? Statuses[(int)status] ?? status.ToString() : status.ToString();

    private static string[] Names<T>(JsonNamingPolicy? policy)
        where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        var names = new string[values.Max(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)) + 1];
        foreach (var value in values)
        {
            var name = value.ToString();
            names[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)] = policy?.ConvertName(name) ?? name;
        }

        return names;
    }
}
