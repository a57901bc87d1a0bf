using System.Net;
using System.Net.Http.Json;
using System.Text;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// If-Match on every write to a region, not only its definition: a status change, a pool's total, a new reservation
/// and a release apply only when the header names the region's current ETag (compared strongly). A precondition the
/// gateway ignored would let a client believe its write was guarded when it was not.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ConditionalWriteTests(SharedGateway factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string> Writes() => ["status", "capacity", "reserve", "release"];

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task AStaleOrWeakTagFailsWith412AndChangesNothing(string write)
    {
        var id = await Api.CreateOnlineRegionAsync(_client);
        await HoldAsync(id, "held");
        var before = await VersionAsync(id);

        foreach (var tag in new[] { $"\"{before - 1}\"", $"W/\"{before}\"", $"\"{before + 1}\", W/\"{before}\"" })
        {
            var problem = await HttpAssert.Problem(await _client.SendAsync(Write(write, id, tag)), HttpStatusCode.PreconditionFailed, "version-mismatch");
            Assert.Contains($"version {before}", (string?)problem["detail"]);
        }

        var after = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);
        Assert.Equal(before, (long?)after["version"]);
        Assert.Equal("Online", (string?)after["status"]);
        Assert.Equal(100, (long?)after["capacity"]!["gpus"]!["total"]);
        Assert.Equal(1, (int?)after["reservations"]);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task TheCurrentTagOrAnyListNamingItOrAStarApplies(string write)
    {
        foreach (var tagOf in new Func<long, string>[] { v => $"\"{v}\"", v => $"\"{v + 5}\", \"{v}\"", _ => "*" })
        {
            var id = await Api.CreateOnlineRegionAsync(_client);
            await HoldAsync(id, "held");
            var before = await VersionAsync(id);

            var response = await _client.SendAsync(Write(write, id, tagOf(before)));

            Assert.True(response.IsSuccessStatusCode, $"{write} with If-Match {tagOf(before)}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(before + 1, await VersionAsync(id));
            if (write is "status" or "capacity")
            {
                Assert.Equal($"\"{before + 1}\"", response.Headers.ETag?.Tag);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task OnAMissingRegionTheAnswerIsNotFoundWhateverTheTag(string write)
    {
        // Without the header the request fails with 404, so the precondition is not evaluated (RFC 9110 §13.2.1).
        var response = await _client.SendAsync(Write(write, Api.NewRegionId(), "\"1\""));

        await HttpAssert.Problem(response, HttpStatusCode.NotFound, "region-not-found");
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task AMalformedHeaderIsAValidationProblemNamingIt(string write)
    {
        var id = await Api.CreateOnlineRegionAsync(_client);
        await HoldAsync(id, "held");

        var problem = await HttpAssert.Problem(await _client.SendAsync(Write(write, id, "version 3")), HttpStatusCode.BadRequest, "validation");

        Assert.Equal(["If-Match"], HttpAssert.ErrorFields(problem));
    }

    [Fact]
    public async Task ARequestAlreadyAppliedIsAnsweredAsSuchWhateverTheTag()
    {
        // A conditional request sent again after its answer was lost meets the version its own first attempt made.
        var id = await Api.CreateOnlineRegionAsync(_client);
        var start = await VersionAsync(id);
        var reserve = Write("reserve", id, $"\"{start}\"");
        Assert.Equal(HttpStatusCode.Created, (await _client.SendAsync(reserve)).StatusCode);
        var capacity = Write("capacity", id, $"\"{start + 1}\"");
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(capacity)).StatusCode);

        var replayed = await _client.SendAsync(Write("reserve", id, $"\"{start}\""));
        var resent = await _client.SendAsync(Write("capacity", id, $"\"{start + 1}\""));

        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal("new", (string?)(await HttpAssert.Json(replayed, HttpStatusCode.OK))["reservationId"]);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(start + 2, await VersionAsync(id));
    }

    [Theory]
    [InlineData("current")]
    [InlineData("weak")]
    [InlineData("listed")]
    [InlineData("*")]
    public async Task AGetWithIfNoneMatchNamingTheCurrentVersionIsNotModified(string form)
    {
        var id = await Api.CreateOnlineRegionAsync(_client);
        var version = await VersionAsync(id);
        var tag = form switch { "current" => $"\"{version}\"", "weak" => $"W/\"{version}\"", "listed" => $"\"{version + 9}\", \"{version}\"", _ => "*" };

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/regions/{id}");
        request.Headers.TryAddWithoutValidation("If-None-Match", tag);
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal($"\"{version}\"", response.Headers.ETag?.Tag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AGetWithIfNoneMatchNamingAnOlderVersionGetsTheRegion()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);
        var version = await VersionAsync(id);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/regions/{id}");
        request.Headers.TryAddWithoutValidation("If-None-Match", $"\"{version - 1}\"");
        using var response = await _client.SendAsync(request);

        Assert.Equal(version, (long?)(await HttpAssert.Json(response, HttpStatusCode.OK))["version"]);
    }

    [Fact]
    public async Task IfNoneMatchStarMakesAPutCreateOnly()
    {
        var id = Api.NewRegionId();

        var created = await _client.SendAsync(CreateOnly(id, "First"));
        var again = await _client.SendAsync(CreateOnly(id, "Second"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var problem = await HttpAssert.Problem(again, HttpStatusCode.PreconditionFailed, "region-exists");
        Assert.Contains("version 1", (string?)problem["detail"]);
        var region = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);
        Assert.Equal("First", (string?)region["displayName"]);
        Assert.Equal(1, (long?)region["version"]);
    }

    [Fact]
    public async Task OfConcurrentCreateOnlyPutsExactlyOneCreates()
    {
        // The grain checks that the region is still missing as it applies the creation; a read-then-write in the
        // gateway alone would let several through.
        var id = Api.NewRegionId();

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => _client.SendAsync(CreateOnly(id, $"Racer {i}"))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
        Assert.Equal(1, await VersionAsync(id));
    }

    [Fact]
    public async Task AMalformedIfNoneMatchIsAValidationProblem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/regions/fr-paris");
        request.Headers.TryAddWithoutValidation("If-None-Match", "version 3");

        var problem = await HttpAssert.Problem(await _client.SendAsync(request), HttpStatusCode.BadRequest, "validation");

        Assert.Equal(["If-None-Match"], HttpAssert.ErrorFields(problem));
    }

    private static HttpRequestMessage CreateOnly(string id, string name)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/regions/{id}") { Content = JsonContent.Create(Api.Definition(name)) };
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        return request;
    }

    private static HttpRequestMessage Write(string write, string id, string ifMatch)
    {
        var request = write switch
        {
            "status" => Json(HttpMethod.Post, $"/api/regions/{id}/status", """{"status":"Degraded","reason":"conditional"}"""),
            "capacity" => Json(HttpMethod.Put, $"/api/regions/{id}/capacity/gpus", """{"total":250}"""),
            "reserve" => Json(HttpMethod.Post, $"/api/regions/{id}/reservations", """{"reservationId":"new","resource":"gpus","amount":3}"""),
            "release" => new HttpRequestMessage(HttpMethod.Delete, $"/api/regions/{id}/reservations/held"),
            _ => throw new ArgumentOutOfRangeException(nameof(write)),
        };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, string body) =>
        new(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private async Task HoldAsync(string id, string reservationId) =>
        (await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId, resource = "gpus", amount = 2 })).EnsureSuccessStatusCode();

    private async Task<long> VersionAsync(string id) =>
        (long)(await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK))["version"]!;
}
