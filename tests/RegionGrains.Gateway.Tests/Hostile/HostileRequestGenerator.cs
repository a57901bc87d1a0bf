using System.Text;

namespace RegionGrains.Gateway.Tests.Hostile;

/// <summary>
/// Generates requests across every route of the gateway for one worker, aimed mostly at the worker's own region (so
/// the test can tell what a refused request must not have changed), with hostile path segments, queries, bodies,
/// content types and conditional headers.
/// </summary>
public sealed class HostileRequestGenerator(HostileValues values, string ownRegionId)
{
    private static readonly string[] Resources = ["gpus", "racks", "power_kw"];

    // Decommissioned is left to the hostile half: a region that reached it early would refuse everything after.
    private static readonly string[] TameStatuses = ["Online", "Degraded", "Maintenance", "Offline", "UnderConstruction", "Launching"];
    private static readonly string[] ContentTypes =
    [
        "application/json; charset=utf-8", "application/json; charset=\"utf-8\"", "application/json; charset=UTF8", "application/json; charset=latin1",
        "application/json; charset=utf-16", "application/json; charset=\"\"", "application/json; foo=bar", "application/merge-patch+json",
        "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "@@@", "application/json;;;", "APPLICATION/JSON",
    ];

    private static readonly string[] IfMatches = ["*", "\"1\"", "W/\"1\"", "\"1\", \"2\"", "\"2\", W/\"3\"", "garbage", "\"\"", "\"-1\"", "\"0\"", "\"99999999999999999999\"", "*, \"1\"", "\"1\"\n"];
    private static readonly string[] StrayPaths = ["/", "/api", "/api/regions/", "/api/regions//status", "/API/REGIONS", "/api/footprint/nope", "/api/footprint/events", "/health/ready", "/health/live", "/openapi/v1.json", "/metrics", "/scalar", "/%00", "/api/regions/a/b/c/d/e"];

    private int _fresh;

    public HostileRequest Next()
    {
        values.Tame = values.Chance(0.45);
        var kind = values.Random.Next(100);
        return kind switch
        {
            < 10 => List(),
            < 17 => Read($"/api/regions/{Segment(ownRegionId)}"),
            < 23 => Read($"/api/regions/{Segment(ownRegionId)}/history{HistoryQuery()}"),
            < 37 => Define(),
            < 51 => Status(),
            < 64 => Capacity(),
            < 82 => Reserve(),
            < 90 => Release(),
            < 94 => Read(values.Pick(StrayPaths)),
            < 96 => Read("/api/footprint"),
            _ => Odd(),
        };
    }

    private HostileRequest List()
    {
        var query = new List<string>();
        if (values.Chance(0.6))
        {
            query.Add("status=" + Uri.EscapeDataString(values.Enum()));
        }

        if (values.Chance(0.5))
        {
            query.Add("geography=" + Uri.EscapeDataString(values.Enum()));
        }

        if (values.Chance(0.2))
        {
            query.Add("status=" + Uri.EscapeDataString(values.Text()));
        }

        if (values.Chance(0.2))
        {
            query.Add("limit=" + Uri.EscapeDataString(values.Pick(["0", "1", "5000", "5001", "-1", "abc", "1e3", "99999999999"])));
        }

        if (values.Chance(0.05))
        {
            query.AddRange(Enumerable.Range(0, 300).Select(i => $"p{i}={new string('q', 20)}"));
        }

        return Read("/api/regions" + (query.Count == 0 ? string.Empty : "?" + string.Join("&", query)));
    }

    private HostileRequest Define()
    {
        var (id, own, other) = Target();
        var body = values.Body(
        [
            ("displayName", values.TextJson("Hostile test region")),
            ("countryCode", values.TextJson(values.Pick(["FR", "BR", "JP"]))),
            ("geography", values.EnumJson("Europe")),
            ("latitude", values.NumberJson("48.85")),
            ("longitude", values.NumberJson("2.35")),
        ]);
        var headers = Conditions();
        if (values.Chance(0.1))
        {
            headers.Add(("If-None-Match", values.Pick(IfMatches)));
        }

        return Write(HttpMethod.Put, $"/api/regions/{Segment(id)}", body, headers, own, other);
    }

    private HostileRequest Status()
    {
        var (id, own, other) = Target();
        var body = values.Body([("status", values.EnumJson(values.Pick(TameStatuses))), ("reason", values.TextJson("hostile input test"))]);
        return Write(HttpMethod.Post, $"/api/regions/{Segment(id)}/status", body, Conditions(), own, other);
    }

    private HostileRequest Capacity()
    {
        var (id, own, other) = Target();
        var resource = values.Text(values.Pick(Resources));
        var body = values.Body([("total", values.NumberJson(values.Pick(["0", "10", "500", "1000", "5000", "1000000000000"])))]);
        return Write(HttpMethod.Put, $"/api/regions/{Segment(id)}/capacity/{Segment(resource)}", body, Conditions(), own, other);
    }

    private HostileRequest Reserve()
    {
        var (id, own, other) = Target();
        var body = values.Body(
        [
            ("reservationId", values.TextJson($"r-{values.Random.Next(40)}")),
            ("resource", values.TextJson(values.Pick(Resources))),
            ("amount", values.NumberJson(values.Pick(["1", "2", "5", "50"]))),
            ("ttlSeconds", values.Pick(["null", "3600", "86400", "5184000", "2147483647", "2147483648", "0", "-5", "1.5", "\"60\""])),
        ]);
        return Write(HttpMethod.Post, $"/api/regions/{Segment(id)}/reservations", body, Conditions(), own, other);
    }

    private HostileRequest Release()
    {
        var (id, own, other) = Target();
        var reservation = values.Text($"r-{values.Random.Next(40)}");
        return values.Chance(0.2)
            ? Read($"/api/regions/{Segment(id)}/reservations/{Segment(reservation)}")
            : new HostileRequest(HttpMethod.Delete, $"/api/regions/{Segment(id)}/reservations/{Segment(reservation)}", null, null, Conditions(), own, other);
    }

    private HostileRequest Odd()
    {
        var method = values.Pick(new[] { HttpMethod.Patch, HttpMethod.Options, HttpMethod.Delete, HttpMethod.Post, HttpMethod.Head, new HttpMethod("PROPFIND") });
        var path = values.Pick([$"/api/regions/{Segment(ownRegionId)}", "/api/regions", "/api/footprint", "/health/live"]);
        var body = values.Chance(0.5) ? Encoding.UTF8.GetBytes("{}") : null;
        return new HostileRequest(method, path, body, body is null ? null : "application/json", [], path.EndsWith(ownRegionId, StringComparison.Ordinal), null);
    }

    private HostileRequest Read(string path)
    {
        var headers = new List<(string, string)>();
        if (values.Chance(0.2))
        {
            headers.Add(values.Pick<(string, string)>([("Accept", "text/html"), ("Accept", "application/xml"), ("If-None-Match", values.Pick(IfMatches)), ("If-Match", "W/\"2\""), ("Range", "bytes=0-10"), ("Accept-Charset", "latin1")]));
        }

        return new HostileRequest(values.Chance(0.15) ? HttpMethod.Head : HttpMethod.Get, path, null, null, headers, false, null);
    }

    private HostileRequest Write(HttpMethod method, string path, string body, List<(string, string)> headers, bool own, string? other)
    {
        var bytes = !values.Tame && values.Random.Next(30) == 0 ? [0xFF, 0xFE, 0x7B, 0xC3, 0x28, 0x7D] : Encoding.UTF8.GetBytes(body);
        var contentType = values.Tame || values.Chance(0.75) ? "application/json" : values.Chance(0.1) ? null : values.Pick(ContentTypes);
        if (values.Chance(0.1))
        {
            headers.Add(values.Pick<(string, string)>([("X-HTTP-Method-Override", "DELETE"), ("Content-Encoding", "gzip"), ("Expect", "100-continue"), ("Accept", "text/plain")]));
        }

        return new HostileRequest(method, path, bytes, contentType, headers, own, other);
    }

    /// <summary>The worker's own region most of the time; otherwise a hostile variant of it, or a fresh id no one uses.</summary>
    private (string Id, bool Own, string? Other) Target()
    {
        var roll = values.Random.Next(10);
        if (roll < 7)
        {
            return (ownRegionId, true, null);
        }

        var id = roll < 9 ? values.Text(ownRegionId) : $"{ownRegionId}-new-{_fresh++}";
        return id == ownRegionId ? (id, true, null) : (id, false, id);
    }

    /// <summary>Now and then an If-Match, which every write to a region honours.</summary>
    private List<(string, string)> Conditions() =>
        values.Chance(0.25) ? [("If-Match", values.Pick(IfMatches))] : [];

    private static string Segment(string value) => Uri.EscapeDataString(value);

    private string HistoryQuery() => values.Random.Next(4) switch
    {
        0 => string.Empty,
        1 => "?limit=" + Uri.EscapeDataString(values.Pick(["1", "50", "1000", "1001", "0", "-1", "x", "99999999999"])),
        2 => "?before=" + Uri.EscapeDataString(values.Pick(["1", "0", "-1", "x", "9223372036854775808"])),
        _ => "?limit=" + Uri.EscapeDataString(values.Text()),
    };
}
