using System.Text;

namespace RegionGrains.Gateway.Tests.Hostile;

/// <summary>
/// Probes: requests that are valid but for one value of a class the gateway must read strictly, each knowing the
/// answer it must get. Numbers in queries with something after them, entity-tag lists off the grammar, language
/// codes that name no language, free text that shows nothing; and the valid side of each, which must pass.
/// </summary>
public sealed partial class HostileRequestGenerator
{
    private const int BadRequest = 400;

    public HostileRequest Probe() => values.Random.Next(6) switch
    {
        0 => QueryNumberProbe(),
        1 => IfNoneMatchProbe(),
        2 => IfMatchProbe(),
        3 => LanguageProbe(),
        4 => BlankReasonProbe(),
        _ => BlankDefinitionProbe(),
    };

    private HostileRequest QueryNumberProbe()
    {
        var own = Segment(ownRegionId);
        var (path, field, number) = values.Random.Next(7) switch
        {
            0 => ("/api/regions?limit=", "limit", "5"),
            1 => ($"/api/regions/{own}/history?limit=", "limit", "10"),
            2 => ($"/api/regions/{own}/history?before=", "before", "3"),
            3 => ($"/api/regions/{own}/reservations?limit=", "limit", "20"),
            4 => ("/api/placement/candidates?resources=gpus:1&limit=", "limit", "3"),
            5 => ("/api/placement/candidates?resources=gpus:", "resources", "1"),
            _ => ("/api/placement/candidates?resources=gpus:1&near=48.8,", "near", "2.35"),
        };
        var tail = values.Chance(0.8);
        var value = tail ? values.NumberWithTail(number) : number;
        return PlainRead(path + Uri.EscapeDataString(value), headers: []) with { Expected = tail ? (BadRequest, field) : (200, null) };
    }

    private HostileRequest IfNoneMatchProbe()
    {
        var malformed = values.Chance(0.8);
        var tags = malformed ? values.MalformedEntityTags() : values.Pick(["\"1\"", "W/\"1\"", "*", "\"1\", W/\"2\"", "\"x\",\"!#~\"", " \"1\" ,, \"2\" "]);
        var request = PlainRead($"/api/regions/{Segment(ownRegionId)}", headers: [("If-None-Match", tags)]);
        return malformed ? request with { Expected = (BadRequest, "If-None-Match") } : request;
    }

    private HostileRequest IfMatchProbe()
    {
        var body = $$"""{"status":"{{values.Pick(["Online", "Degraded"])}}","reason":"probe"}""";
        return CarefulWrite(HttpMethod.Post, $"/api/regions/{Segment(ownRegionId)}/status", body, [("If-Match", values.MalformedEntityTags())], own: true, other: null)
            with { Expected = (BadRequest, "If-Match") };
    }

    private HostileRequest LanguageProbe()
    {
        var (code, valid) = values.LanguageCode();
        var id = $"{ownRegionId}-new-{_fresh++}";
        var body = $$"""{"displayName":"Probe center","countryCode":"FR","geography":"Europe","latitude":48.85,"longitude":2.35,"kind":"ServiceCenter","languages":["{{code}}"],"supportHours":"24/7"}""";
        return CarefulWrite(HttpMethod.Put, $"/api/regions/{id}", body, [], own: false, other: id)
            with { Expected = valid ? (201, null) : (BadRequest, "languages") };
    }

    private HostileRequest BlankReasonProbe()
    {
        var reason = HostileValues.StringJson(values.InvisibleText());
        var body = $$"""{"status":"{{values.Pick(["Online", "Degraded", "Maintenance"])}}","reason":{{reason}}}""";
        return CarefulWrite(HttpMethod.Post, $"/api/regions/{Segment(ownRegionId)}/status", body, [], own: true, other: null)
            with { Expected = (BadRequest, "reason") };
    }

    private HostileRequest BlankDefinitionProbe()
    {
        var id = $"{ownRegionId}-new-{_fresh++}";
        var blank = HostileValues.StringJson(values.InvisibleText());
        var (body, field) = values.Chance(0.5)
            ? ($$"""{"displayName":{{blank}},"countryCode":"FR","geography":"Europe","latitude":48.85,"longitude":2.35}""", "displayName")
            : ($$"""{"displayName":"Probe center","countryCode":"FR","geography":"Europe","latitude":48.85,"longitude":2.35,"kind":"ServiceCenter","languages":["en"],"supportHours":{{blank}}}""", "supportHours");
        return CarefulWrite(HttpMethod.Put, $"/api/regions/{id}", body, [], own: false, other: id) with { Expected = (BadRequest, field) };
    }

    /// <summary>A GET with exactly <paramref name="headers"/>.</summary>
    private static HostileRequest PlainRead(string path, List<(string, string)> headers) => new(HttpMethod.Get, path, null, null, headers, false, null);

    /// <summary>A write as a careful client sends it: the body as given, as application/json, only the headers given.</summary>
    private static HostileRequest CarefulWrite(HttpMethod method, string path, string body, List<(string, string)> headers, bool own, string? other) =>
        new(method, path, Encoding.UTF8.GetBytes(body), "application/json", headers, own, other);
}
