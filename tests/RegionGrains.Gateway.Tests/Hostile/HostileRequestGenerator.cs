using System.Text;

namespace RegionGrains.Gateway.Tests.Hostile;

/// <summary>
/// Generates requests across every route of the gateway for one worker, aimed mostly at the worker's own region (so
/// the test can tell what a refused request must not have changed), with hostile path segments, queries, bodies,
/// content types and conditional headers.
/// </summary>
public sealed partial class HostileRequestGenerator(HostileValues values, string ownRegionId)
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
            < 9 => List(),
            < 15 => Read($"/api/regions/{Segment(ownRegionId)}"),
            < 19 => Read($"/api/regions/{Segment(ownRegionId)}/history{HistoryQuery()}"),
            < 29 => Define(),
            < 31 => DefineMany(),
            < 43 => Status(),
            < 55 => Capacity(),
            < 71 => Reserve(),
            < 78 => Release(),
            < 81 => Read($"/api/regions/{Segment(ownRegionId)}/reservations{ReservationListQuery()}"),
            < 85 => Read($"/api/placement/candidates{CandidatesQuery()}"),
            < 88 => PlaceAnywhere(),
            < 89 => Claim(),
            < 90 => values.Chance(0.5) ? Move() : Read(values.Chance(0.5) ? $"/api/consumers/{Segment(values.Text("acme"))}" : $"/api/usages?project={Segment(values.Text("training"))}"),
            < 92 => Schedule(),
            < 93 => values.Chance(0.5) ? CancelScheduled() : Read($"/api/regions/{Segment(ownRegionId)}/schedule{(values.Chance(0.5) ? string.Empty : "/" + Segment(values.Text($"s-{values.Random.Next(20)}")))}"),
            < 95 => Read(values.Pick(StrayPaths)),
            < 97 => Read("/api/footprint"),
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
        var body = DefinitionBody("Hostile test region");
        var headers = Conditions();
        if (values.Chance(0.1))
        {
            headers.Add(("If-None-Match", values.Pick(IfMatches)));
        }

        return Write(HttpMethod.Put, $"/api/regions/{Segment(id)}", body, headers, own, other);
    }

    /// <summary>
    /// <c>POST /api/regions:batch</c> with one to three regions (the worker's own, hostile variants, fresh ids), each
    /// definition as hostile as PUT's; sometimes an item that is not an object, an id given twice, or no list at all.
    /// </summary>
    private HostileRequest DefineMany()
    {
        var items = new List<string>();
        var own = false;
        string? other = null;
        for (var i = values.Random.Next(1, 4); i > 0; i--)
        {
            var (id, isOwn, fresh) = Target();
            own |= isOwn;
            other ??= fresh;
            var definition = DefinitionBody("Hostile batch region");
            items.Add(values.Tame || values.Chance(0.8)
                ? $"{{\"id\":{HostileValues.StringJson(id)},\"definition\":{definition}}}"
                : values.Pick(["null", "1", "[]", "{}", $"{{\"id\":{HostileValues.StringJson(id)}}}", $"{{\"definition\":{definition}}}"]));
            if (!values.Tame && values.Chance(0.1))
            {
                items.Add(items[^1]);
            }
        }

        var body = values.Tame || values.Chance(0.8)
            ? $"{{\"regions\":[{string.Join(",", items)}]}}"
            : values.Pick(["{\"regions\":[]}", "{\"regions\":null}", "{\"regions\":{}}", "[]", "{}", $"{{\"regions\":[{string.Join(",", items)}],\"regions\":[]}}"]);
        return Write(HttpMethod.Post, $"/api/regions:batch{DryRun()}", body, [], own, other);
    }

    /// <summary>The body PUT /api/regions/{id} takes, as hostile as the values make it.</summary>
    private string DefinitionBody(string displayName) => values.Body(
    [
        ("displayName", values.TextJson(displayName)),
        ("countryCode", values.TextJson(values.Pick(["FR", "BR", "JP"]))),
        ("geography", values.EnumJson("Europe")),
        ("latitude", values.NumberJson("48.85")),
        ("longitude", values.NumberJson("2.35")),
    ]);

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
        var fields = new List<(string, string)> { ("total", values.NumberJson(values.Pick(["0", "10", "500", "1000", "5000", "1000000000000"]))) };
        foreach (var (field, valid) in new[] { ("heldBack", "10"), ("overcommit", "1.5"), ("minUnit", "1"), ("maxUnit", "100"), ("stepSize", "1") })
        {
            if (values.Chance(0.15))
            {
                fields.Add((field, values.Chance(0.2) ? values.Pick(["16.0000001", "0.99", "1e400", "-1", "17", "0"]) : values.NumberJson(valid)));
            }
        }

        return Write(HttpMethod.Put, $"/api/regions/{Segment(id)}/capacity/{Segment(resource)}{DryRun()}", values.Body(fields), Conditions(), own, other);
    }

    private HostileRequest Reserve()
    {
        var (id, own, other) = Target();
        var fields = new List<(string, string)>
        {
            ("reservationId", values.TextJson($"r-{values.Random.Next(40)}")),
            ("ttlSeconds", values.Pick(["null", "3600", "86400", "5184000", "2147483647", "2147483648", "0", "-5", "1.5", "\"60\""])),
        };
        if (values.Chance(0.3))
        {
            fields.Add(("resources", ResourcesJson()));
            if (values.Chance(0.2))
            {
                fields.Add(("resource", values.TextJson(values.Pick(Resources))));
            }
        }
        else
        {
            fields.Add(("resource", values.TextJson(values.Pick(Resources))));
            fields.Add(("amount", values.NumberJson(values.Pick(["1", "2", "5", "50"]))));
        }

        if (values.Chance(0.2))
        {
            fields.Add(("consumer", values.TextJson("acme")));
        }

        return Write(HttpMethod.Post, $"/api/regions/{Segment(id)}/reservations{DryRun()}", values.Body(fields), Conditions(), own, other);
    }

    /// <summary>
    /// A scheduled change, weeks ahead so that none fires while the run checks that refused requests leave the region's
    /// version alone; schedule writes take no If-Match (the change id makes them idempotent instead).
    /// </summary>
    private HostileRequest Schedule()
    {
        var (id, own, other) = Target();
        var ahead = DateTimeOffset.UtcNow.AddDays(30 + values.Random.Next(30)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var fields = new List<(string, string)>
        {
            ("changeId", values.TextJson($"s-{values.Random.Next(20)}")),
            ("at", values.TextJson(values.Tame || values.Chance(0.5) ? ahead : values.Pick(["2001-01-01T00:00:00Z", "2099-01-01T00:00:00Z", "2030-01-01T00:00:00", "2030-01-01", "2030-01-01T00:00:00.Z", "now"]))),
        };
        if (values.Chance(0.6))
        {
            fields.Add(("status", values.EnumJson(values.Pick(TameStatuses))));
            fields.Add(("reason", values.TextJson("hostile schedule test")));
        }

        if (values.Chance(0.6))
        {
            fields.Add(("capacity", ResourcesJson()));
        }

        return Write(HttpMethod.Post, $"/api/regions/{Segment(id)}/schedule{DryRun()}", values.Body(fields), [], own, other);
    }

    private HostileRequest CancelScheduled()
    {
        var (id, own, _) = Target();
        var path = $"/api/regions/{Segment(id)}/schedule/{Segment(values.Text($"s-{values.Random.Next(20)}"))}{DryRun()}";
        return new HostileRequest(HttpMethod.Delete, path, null, null, [], own, null);
    }

    private HostileRequest Release()
    {
        var (id, own, other) = Target();
        var reservation = values.Text($"r-{values.Random.Next(40)}");
        return values.Chance(0.2)
            ? Read($"/api/regions/{Segment(id)}/reservations/{Segment(reservation)}")
            : new HostileRequest(HttpMethod.Delete, $"/api/regions/{Segment(id)}/reservations/{Segment(reservation)}", null, null, Conditions(), own, other);
    }

    /// <summary>
    /// Places an order anywhere: always as a dry run when its resources exist somewhere (a real placement could land
    /// in another worker's region and change it under that worker's checks), for real only for a resource no region has.
    /// </summary>
    private HostileRequest PlaceAnywhere()
    {
        var real = values.Chance(0.3);
        var fields = new List<(string, string)>
        {
            ("reservationId", values.TextJson($"p-{values.Random.Next(1_000_000)}")),
            ("resources", real ? "{\"hostile_nowhere\": 1}" : ResourcesJson()),
        };
        if (values.Chance(0.5))
        {
            fields.Add(("constraints", values.Pick(["{}", "{\"geography\":\"Europe\"}", "{\"near\":{\"latitude\":48.8,\"longitude\":2.3}}", "{\"near\":{\"latitude\":91}}", "{\"status\":\"Nope\"}", "[]", "null", "{\"kind\":1}"])));
        }

        if (values.Chance(0.5))
        {
            fields.Add(("policy", values.TextJson(values.Pick(["pack", "spread", "nearest"]))));
        }

        var path = real ? "/api/placement/reservations" : "/api/placement/reservations?dryRun=true";
        return Write(HttpMethod.Post, path, values.Body(fields), [], own: false, other: null);
    }

    /// <summary>
    /// A claim: for real only over regions that do not exist (a claim that a region refuses still journals the
    /// prepare and abort of the regions that took their part, which moves their version); over the worker's own
    /// region only as a dry run.
    /// </summary>
    private HostileRequest Claim()
    {
        var real = values.Chance(0.5);
        var target = real ? $"{ownRegionId}-new-{_fresh++}" : ownRegionId;
        var allocations = values.Tame || values.Chance(0.6)
            ? $"{{\"{target}\": {ResourcesJson()}}}"
            : values.Pick(["{}", "[]", "null", "{\"Bad Id\": {\"gpus\": 1}}", $"{{\"{target}\": []}}", $"{{\"{target}\": {{\"gpus\": 0}}}}"]);
        var body = values.Body([("claimId", values.TextJson($"c-{values.Random.Next(1_000_000)}")), ("allocations", allocations)]);
        var consumer = Segment(values.Text($"{ownRegionId}-consumer"));
        var path = real ? $"/api/consumers/{consumer}/allocations" : $"/api/consumers/{consumer}/allocations?dryRun=true";
        return Write(HttpMethod.Put, path, body, Conditions(), own: false, other: real ? target : null);
    }

    /// <summary>A move: out of a region that does not exist (refused before any region changes), or from the worker's own region as a dry run.</summary>
    private HostileRequest Move()
    {
        var real = values.Chance(0.5);
        var from = real ? $"{ownRegionId}-new-{_fresh++}" : ownRegionId;
        var body = values.Body(
        [
            ("moveId", values.TextJson($"m-{values.Random.Next(1_000_000)}")),
            ("consumer", values.TextJson("acme")),
            ("from", values.Tame || values.Chance(0.7) ? $"{{\"regionId\": \"{from}\", \"reservationId\": \"r-{values.Random.Next(40)}\"}}" : values.Pick(["{}", "null", "[]", "{\"regionId\": 1}"])),
            ("to", values.Tame || values.Chance(0.7) ? "{\"regionId\": \"fr-paris\"}" : values.Pick(["{}", "null", $"{{\"regionId\": \"{from}\"}}"])),
        ]);
        return Write(HttpMethod.Post, real ? "/api/moves" : "/api/moves?dryRun=true", body, [], own: false, other: real ? from : null);
    }

    private string ResourcesJson() => values.Tame || values.Chance(0.6)
        ? "{" + string.Join(", ", Resources.Where(_ => values.Chance(0.6)).Select(r => $"\"{r}\": {values.Pick(["1", "2", "5"])}")) + "}"
        : values.Pick(["{}", "[]", "null", "{\"gpus\": -1}", "{\"gpus\": 1.5}", "{\"GPUS\": 1}", "{\"gpus\": 1, \"gpus\": 2}", "{\"gpus\": \"1\"}", "{\"gpus\": 99999999999999999999}", "{\"\": 1}", "\"gpus\""]);

    /// <summary>Now and then a dry run, or a malformed one.</summary>
    private string DryRun() => values.Random.Next(10) switch
    {
        0 => "?dryRun=true",
        1 => "?dryRun=" + Uri.EscapeDataString(values.Pick(["false", "TRUE", "1", "", "yes", "true&dryRun=false"])),
        _ => string.Empty,
    };

    private string ReservationListQuery() => values.Random.Next(5) switch
    {
        0 => string.Empty,
        1 => "?resource=" + Uri.EscapeDataString(values.Text(values.Pick(Resources))),
        2 => "?consumer=" + Uri.EscapeDataString(values.Text("acme")),
        3 => "?limit=" + Uri.EscapeDataString(values.Pick(["1", "1000", "1001", "0", "x"])) + "&after=" + Uri.EscapeDataString(values.Text("r-1")),
        _ => "?after=" + Uri.EscapeDataString(values.Text()),
    };

    private string CandidatesQuery() => "?" + string.Join("&", new[]
    {
        "resources=" + Uri.EscapeDataString(values.Tame ? "gpus:1,racks:1" : values.Pick(["gpus:1", "gpus:1,gpus:2", "gpus", ":1", "gpus:0", "gpus:-1", "gpus:1,", "GPUS:1", "gpus:99999999999999999999", values.Text()])),
        values.Chance(0.4) ? "near=" + Uri.EscapeDataString(values.Pick(["35.6,139.7", "91,0", "0,181", "x,y", "1", "1,2,3", values.Text()])) : null,
        values.Chance(0.4) ? "policy=" + Uri.EscapeDataString(values.Pick(["pack", "spread", "nearest", "Pack", values.Text()])) : null,
        values.Chance(0.3) ? "geography=" + Uri.EscapeDataString(values.Enum()) : null,
        values.Chance(0.2) ? "limit=" + Uri.EscapeDataString(values.Pick(["1", "1000", "1001", "0", "x"])) : null,
    }.OfType<string>());

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
