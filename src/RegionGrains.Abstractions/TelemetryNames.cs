namespace RegionGrains.Abstractions;

/// <summary>Names under which RegionGrains emits traces and metrics; hosts subscribe to these.</summary>
public static class TelemetryNames
{
    /// <summary>The <c>ActivitySource</c> of the domain operations.</summary>
    public const string ActivitySource = "RegionGrains";

    /// <summary>The <c>Meter</c> of the domain metrics.</summary>
    public const string Meter = "RegionGrains";
}
