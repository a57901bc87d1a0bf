using System.Diagnostics;

namespace RegionGrains.Telemetry.Tests.Infrastructure;

/// <summary>The spans a reservation request is expected to produce, by what identifies them.</summary>
public static class Spans
{
    public const string AspNetCore = "Microsoft.AspNetCore";
    public const string Orleans = "Microsoft.Orleans.Application";
    public const string Domain = "RegionGrains";

    public static bool IsHttpServer(this Activity span) => span.Source.Name == AspNetCore && span.Kind == ActivityKind.Server;

    public static bool IsGrainCall(this Activity span, string method, ActivityKind kind) =>
        span.Source.Name == Orleans && span.Kind == kind && span.DisplayName == method;

    public static bool IsDomain(this Activity span, string name) => span.Source.Name == Domain && span.DisplayName == name;

    public static object? Tag(this Activity span, string key) => span.GetTagItem(key);
}
