using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// Consumers through the API: claims across regions all or nothing (and idempotent, conditional, rehearsable), moves,
/// a consumer's holdings and a project's usages. The expected figures come from what each test itself asked for.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ConsumerEndpointTests(SharedGateway factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task AClaimHoldsItsAllocationsInEveryRegionAndTheConsumerListsThem()
    {
        var (a, b) = (await Api.CreateOnlineRegionAsync(_client, total: 100), await Api.CreateOnlineRegionAsync(_client, total: 100));
        var consumer = NewName("consumer");
        var project = NewName("project");

        var claimed = await ClaimAsync(consumer, new { claimId = "c1", allocations = Allocations((a, 30), (b, 20)), project });
        var body = await HttpAssert.Json(claimed, HttpStatusCode.OK);

        Assert.Equal("\"1\"", claimed.Headers.ETag?.Tag);
        Assert.Equal(1, (long)body["version"]!);
        Assert.Equal(30, (long)body["allocations"]![a]!["gpus"]!);
        Assert.Equal(30, await ReservedAsync(a));
        Assert.Equal(20, await ReservedAsync(b));
        var held = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{a}/reservations/claim:{consumer}"), HttpStatusCode.OK);
        Assert.Equal(consumer, (string?)held["consumer"]);
        Assert.Equal(project, (string?)held["project"]);

        // Holdings and usages come from the footprint partitions: they follow within its staleness.
        var view = await EventuallyAsync($"/api/consumers/{consumer}", v => v["holdings"]!.AsArray().Count == 2, "both regions in the consumer's holdings");
        Assert.False((bool)view["pending"]!);
        Assert.Equal(20, (long)view["holdings"]!.AsArray().Single(h => (string?)h!["regionId"] == b)!["resources"]!["gpus"]!);
        var usage = await EventuallyAsync($"/api/usages?project={project}", u => (long?)u["resources"]?["gpus"] == 50, "the project's usage to reach 50 gpus");
        Assert.Equal(2, (int)usage["regions"]!);
    }

    [Fact]
    public async Task AClaimThatOneRegionRefusesChangesNothingAnywhere()
    {
        var (a, b) = (await Api.CreateOnlineRegionAsync(_client, total: 100), await Api.CreateOnlineRegionAsync(_client, total: 10));
        var consumer = NewName("consumer");
        await HttpAssert.Json(await ClaimAsync(consumer, new { claimId = "c1", allocations = Allocations((a, 5)) }), HttpStatusCode.OK);

        var problem = await HttpAssert.Problem(
            await ClaimAsync(consumer, new { claimId = "c2", allocations = Allocations((a, 40), (b, 11)) }), HttpStatusCode.Conflict, "insufficient-capacity");

        Assert.Equal(b, (string?)problem["regionId"]);
        var shortfall = problem["shortfalls"]!.AsArray().Single()!;
        Assert.Equal(("gpus", 11L, 10L), ((string)shortfall["resource"]!, (long)shortfall["requested"]!, (long)shortfall["available"]!));
        Assert.Equal(5, await ReservedAsync(a));
        Assert.Equal(0, await ReservedAsync(b));
        var view = await HttpAssert.Json(await _client.GetAsync($"/api/consumers/{consumer}"), HttpStatusCode.OK);
        Assert.Equal(1, (long)view["version"]!);
        Assert.Equal(5, (long)view["allocations"]![a]!["gpus"]!);
    }

    [Fact]
    public async Task AClaimIdIsAnIdempotencyKeyAndIfMatchMakesAClaimConditional()
    {
        var a = await Api.CreateOnlineRegionAsync(_client, total: 100);
        var consumer = NewName("consumer");
        var first = new { claimId = "c1", allocations = Allocations((a, 10)) };
        await HttpAssert.Json(await ClaimAsync(consumer, first), HttpStatusCode.OK);

        var replay = await HttpAssert.Json(await ClaimAsync(consumer, first), HttpStatusCode.OK);
        await HttpAssert.Problem(await ClaimAsync(consumer, new { claimId = "c1", allocations = Allocations((a, 11)) }), HttpStatusCode.Conflict, "reservation-id-reused");
        await HttpAssert.Problem(await ClaimAsync(consumer, new { claimId = "c2", allocations = Allocations((a, 12)) }, ifMatch: "\"7\""), HttpStatusCode.PreconditionFailed, "version-mismatch");
        var conditional = await HttpAssert.Json(await ClaimAsync(consumer, new { claimId = "c3", allocations = Allocations((a, 13)) }, ifMatch: "\"1\""), HttpStatusCode.OK);

        Assert.Equal(1, (long)replay["version"]!);
        Assert.Equal(2, (long)conditional["version"]!);
        Assert.Equal(13, await ReservedAsync(a));
    }

    [Fact]
    public async Task AnEmptyClaimReleasesEveryRegionAndADirectReleaseOfAClaimIsRefused()
    {
        var (a, b) = (await Api.CreateOnlineRegionAsync(_client, total: 100), await Api.CreateOnlineRegionAsync(_client, total: 100));
        var consumer = NewName("consumer");
        await HttpAssert.Json(await ClaimAsync(consumer, new { claimId = "c1", allocations = Allocations((a, 10), (b, 10)) }), HttpStatusCode.OK);

        await HttpAssert.Problem(await _client.DeleteAsync($"/api/regions/{a}/reservations/claim:{consumer}"), HttpStatusCode.Conflict, "held-by-claim");
        await HttpAssert.Problem(
            await _client.PostAsJsonAsync($"/api/regions/{a}/reservations", new { reservationId = $"claim:{consumer}", resource = "gpus", amount = 1 }),
            HttpStatusCode.BadRequest,
            "validation");
        var released = await HttpAssert.Json(await ClaimAsync(consumer, new { claimId = "c2", allocations = new { } }), HttpStatusCode.OK);

        Assert.Empty(released["allocations"]!.AsObject());
        Assert.Equal(0, await ReservedAsync(a));
        Assert.Equal(0, await ReservedAsync(b));
    }

    [Fact]
    public async Task ADryRunClaimAnswersAsTheClaimWouldAndHoldsNothing()
    {
        var (a, b) = (await Api.CreateOnlineRegionAsync(_client, total: 100), await Api.CreateOnlineRegionAsync(_client, total: 5));
        var consumer = NewName("consumer");

        var rehearsed = await HttpAssert.Json(await ClaimAsync(consumer, new { claimId = "c1", allocations = Allocations((a, 10)) }, dryRun: true), HttpStatusCode.OK);
        var refused = await HttpAssert.Problem(
            await ClaimAsync(consumer, new { claimId = "c2", allocations = Allocations((a, 10), (b, 6)) }, dryRun: true), HttpStatusCode.Conflict, "insufficient-capacity");

        Assert.Equal(1, (long)rehearsed["version"]!);
        Assert.Equal(b, (string?)refused["regionId"]);
        Assert.Equal(0, await ReservedAsync(a));
        var view = await HttpAssert.Json(await _client.GetAsync($"/api/consumers/{consumer}"), HttpStatusCode.OK);
        Assert.Equal(0, (long)view["version"]!);
        Assert.Equal(10, (long)(await HttpAssert.Json(await ClaimAsync(consumer, new { claimId = "c1", allocations = Allocations((a, 10)) }), HttpStatusCode.OK))["allocations"]![a]!["gpus"]!);
    }

    [Fact]
    public async Task AClaimWithALifetimeExpiresByItselfAndTheSameAllocationsClaimedAgainAreHeldAgain()
    {
        var a = await Api.CreateOnlineRegionAsync(_client, total: 100);
        var consumer = NewName("consumer");
        await HttpAssert.Json(await ClaimAsync(consumer, new { claimId = "c1", allocations = Allocations((a, 9)), ttlSeconds = 1 }), HttpStatusCode.OK);

        // Watched through the consumer's holdings, which the footprint partitions answer without touching the region:
        // they drop the region only once the region's own expiry timer has ended the hold and pushed the change.
        await EventuallyAsync($"/api/consumers/{consumer}", v => v["holdings"]!.AsArray().Count == 1, "the claim in the consumer's holdings");
        await EventuallyAsync($"/api/consumers/{consumer}", v => v["holdings"]!.AsArray().Count == 0, "the expired claim to leave the consumer's holdings");
        Assert.Equal(0, await ReservedAsync(a));

        await HttpAssert.Json(await ClaimAsync(consumer, new { claimId = "c2", allocations = Allocations((a, 9)) }), HttpStatusCode.OK);
        Assert.Equal(9, await ReservedAsync(a));
    }

    [Fact]
    public async Task AMoveHoldsTheReservationInTheOtherRegionAndReleasesItWhereItWas()
    {
        var (from, to) = (await Api.CreateOnlineRegionAsync(_client, total: 100), await Api.CreateOnlineRegionAsync(_client, total: 100));
        var consumer = NewName("consumer");
        await HttpAssert.Json(
            await _client.PostAsJsonAsync($"/api/regions/{from}/reservations", new { reservationId = "vm-1", resource = "gpus", amount = 7, consumer }),
            HttpStatusCode.Created);
        var move = new { moveId = "m1", consumer, from = new { regionId = from, reservationId = "vm-1" }, to = new { regionId = to } };

        var moved = await _client.PostAsJsonAsync("/api/moves", move);
        var body = await HttpAssert.Json(moved, HttpStatusCode.Created);
        var replay = await _client.PostAsJsonAsync("/api/moves", move);

        Assert.Equal($"/api/regions/{to}/reservations/vm-1", moved.Headers.Location?.OriginalString);
        Assert.Equal(7, (long)body["resources"]!["gpus"]!);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal((0L, 7L), (await ReservedAsync(from), await ReservedAsync(to)));
        Assert.Equal("Released", (string?)(await HttpAssert.Json(await _client.GetAsync($"/api/regions/{from}/reservations/vm-1"), HttpStatusCode.OK))["state"]);
        await HttpAssert.Problem(
            await _client.PostAsJsonAsync("/api/moves", new { moveId = "m2", consumer = "someone-else", from = new { regionId = to, reservationId = "vm-1" }, to = new { regionId = from } }),
            HttpStatusCode.NotFound,
            "reservation-not-found");
    }

    [Fact]
    public async Task ClaimsMovesAndUsagesRefuseMalformedInputNamingTheField()
    {
        var a = await Api.CreateOnlineRegionAsync(_client, total: 100);

        var claim = await HttpAssert.Problem(
            await ClaimAsync("bad consumer", new { claimId = "", allocations = new Dictionary<string, object> { ["Bad Id"] = new { gpus = 0 } }, ttlSeconds = 0 }),
            HttpStatusCode.BadRequest,
            "validation");
        var move = await HttpAssert.Problem(await _client.PostAsJsonAsync("/api/moves", new { moveId = "m", consumer = "c", from = new { regionId = a }, to = new { regionId = a } }), HttpStatusCode.BadRequest, "validation");
        var usages = await HttpAssert.Problem(await _client.GetAsync("/api/usages"), HttpStatusCode.BadRequest, "validation");
        var dryRun = await HttpAssert.Problem(await ClaimAsync(NewName("consumer"), new { claimId = "c", allocations = new { } }, query: "?dryRun=yes"), HttpStatusCode.BadRequest, "validation");

        Assert.Equal(["allocations", "claimId", "consumer", "ttlSeconds"], HttpAssert.ErrorFields(claim).Order(StringComparer.Ordinal));
        Assert.Equal(["from.reservationId", "to.regionId"], HttpAssert.ErrorFields(move).Order(StringComparer.Ordinal));
        Assert.Equal(["project"], HttpAssert.ErrorFields(usages));
        Assert.Equal(["dryRun"], HttpAssert.ErrorFields(dryRun));
    }

    private Task<HttpResponseMessage> ClaimAsync(string consumer, object body, string? ifMatch = null, bool dryRun = false, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/consumers/{Uri.EscapeDataString(consumer)}/allocations{(dryRun ? "?dryRun=true" : query)}")
        {
            Content = JsonContent.Create(body),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return _client.SendAsync(request);
    }

    private async Task<long> ReservedAsync(string region) =>
        (long)(await HttpAssert.Json(await _client.GetAsync($"/api/regions/{region}"), HttpStatusCode.OK))["capacity"]!["gpus"]!["reserved"]!;

    /// <summary>
    /// Reads <paramref name="path"/> until <paramref name="done"/> holds, again after each footprint event (holdings
    /// and usages come from the same partitions that push those events); fails after 15 s naming what was awaited.
    /// </summary>
    private async Task<JsonNode> EventuallyAsync(string path, Func<JsonNode, bool> done, string awaited)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var stream = await _client.GetAsync("/api/footprint/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync(cancel.Token));
        while (true)
        {
            var body = await HttpAssert.Json(await _client.GetAsync(path, cancel.Token), HttpStatusCode.OK);
            if (done(body))
            {
                return body;
            }

            try
            {
                await FootprintOracle.NextEventAsync(events, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out after 15 s waiting for {awaited}: {body}");
            }
        }
    }

    private static Dictionary<string, Dictionary<string, long>> Allocations(params (string Region, long Gpus)[] allocations) =>
        allocations.ToDictionary(a => a.Region, a => new Dictionary<string, long> { ["gpus"] = a.Gpus });

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
