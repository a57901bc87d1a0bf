using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// <c>PUT /api/regions/{id}/capacity/{resource}</c> with a policy: the figures a pool reports, the field rules, the
/// floor at what is reserved, the unit rules a reservation meets, and the footprint's usable sums.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class PoolPolicyEndpointTests(SharedGateway factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task APoolReportsItsPolicyAndUsableIsTheTotalLessHeldBackTimesOvercommit()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);

        var region = await HttpAssert.Json(
            await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus", new { total = 100, heldBack = 10, overcommit = 1.5, minUnit = 2, maxUnit = 64, stepSize = 2 }),
            HttpStatusCode.OK);

        // (100 − 10) × 1.5 = 135 usable, nothing reserved.
        AssertPool(region["capacity"]!["gpus"]!, total: 100, reserved: 0, usable: 135, available: 135, heldBack: 10, overcommit: 1.5m, minUnit: 2, maxUnit: 64, stepSize: 2);
        var read = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);
        Assert.Equal(region["capacity"]!.ToJsonString(), read["capacity"]!.ToJsonString());
    }

    [Fact]
    public async Task APolicyFieldLeftOutTakesItsDefaultBecauseTheBodyIsTheWholePool()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);
        await HttpAssert.Json(
            await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus", new { total = 100, heldBack = 10, overcommit = 2, minUnit = 4, maxUnit = 8, stepSize = 4 }),
            HttpStatusCode.OK);

        var reset = await HttpAssert.Json(await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus", new { total = 100 }), HttpStatusCode.OK);
        var onlyOvercommit = await HttpAssert.Json(await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus", new { total = 100, overcommit = 1.25 }), HttpStatusCode.OK);

        AssertPool(reset["capacity"]!["gpus"]!, total: 100, reserved: 0, usable: 100, available: 100, heldBack: 0, overcommit: 1m, minUnit: 1, maxUnit: null, stepSize: 1);
        AssertPool(onlyOvercommit["capacity"]!["gpus"]!, total: 100, reserved: 0, usable: 125, available: 125, heldBack: 0, overcommit: 1.25m, minUnit: 1, maxUnit: null, stepSize: 1);
    }

    [Fact]
    public async Task APoolWithoutAPolicyReportsTheDefaults()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 40);

        var region = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);

        AssertPool(region["capacity"]!["gpus"]!, total: 40, reserved: 0, usable: 40, available: 40, heldBack: 0, overcommit: 1m, minUnit: 1, maxUnit: null, stepSize: 1);
    }

    [Fact]
    public async Task EveryPolicyFieldOutOfRangeIsNamedInOneValidationProblem()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);

        var problem = await HttpAssert.Problem(
            await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus", new { total = 100, heldBack = -1, overcommit = 0.5, minUnit = 0, maxUnit = -3, stepSize = 0 }),
            HttpStatusCode.BadRequest,
            "validation");

        Assert.Equal(["heldBack", "maxUnit", "minUnit", "overcommit", "stepSize"], HttpAssert.ErrorFields(problem));
        var region = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);
        Assert.Equal(100, (long?)region["capacity"]!["gpus"]!["usable"]);
    }

    [Theory]
    [InlineData("""{"total":100,"heldBack":101}""", "heldBack")]
    [InlineData("""{"total":100,"overcommit":16.5}""", "overcommit")]
    [InlineData("""{"total":100,"overcommit":0.99}""", "overcommit")]
    [InlineData("""{"total":100,"minUnit":8,"maxUnit":4}""", "maxUnit")]
    [InlineData("""{"total":100,"stepSize":-2}""", "stepSize")]
    [InlineData("""{"heldBack":1}""", "total")]
    [InlineData("""{"total":-1,"heldBack":0}""", "total")]
    public async Task AFieldOutOfRangeIsAValidationProblemNamingIt(string body, string field)
    {
        var id = await Api.CreateOnlineRegionAsync(_client);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var problem = await HttpAssert.Problem(await _client.PutAsync($"/api/regions/{id}/capacity/gpus", content), HttpStatusCode.BadRequest, "validation");

        Assert.Equal([field], HttpAssert.ErrorFields(problem));
    }

    [Fact]
    public async Task APolicyThatLeavesLessUsableThanIsReservedIsAConflictAndExactlyEnoughIsAccepted()
    {
        var id = await Api.CreateOnlineRegionAsync(_client, total: 100);
        await HttpAssert.Json(await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "eighty", resource = "gpus", amount = 80 }), HttpStatusCode.Created);

        var tooMuchHeldBack = await HttpAssert.Problem(
            await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus", new { total = 100, heldBack = 30 }),
            HttpStatusCode.Conflict,
            "below-reserved");
        var exactly = await HttpAssert.Json(await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus", new { total = 90, heldBack = 10 }), HttpStatusCode.OK);
        var overcommitted = await HttpAssert.Json(await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus", new { total = 40, overcommit = 2 }), HttpStatusCode.OK);

        Assert.Equal(80, (long?)tooMuchHeldBack["reserved"]);
        Assert.Contains("70", (string?)tooMuchHeldBack["detail"], StringComparison.Ordinal);
        AssertPool(exactly["capacity"]!["gpus"]!, total: 90, reserved: 80, usable: 80, available: 0, heldBack: 10, overcommit: 1m, minUnit: 1, maxUnit: null, stepSize: 1);

        // A total below what is reserved stands when the overcommit makes enough usable: 40 × 2 = 80.
        AssertPool(overcommitted["capacity"]!["gpus"]!, total: 40, reserved: 80, usable: 80, available: 0, heldBack: 0, overcommit: 2m, minUnit: 1, maxUnit: null, stepSize: 1);
    }

    [Fact]
    public async Task OvercommitLetsReservationsGoBeyondTheTotalUpToUsable()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);
        await HttpAssert.Json(await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus", new { total = 10, overcommit = 2.5 }), HttpStatusCode.OK);

        await HttpAssert.Json(await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "all", resource = "gpus", amount = 25 }), HttpStatusCode.Created);
        var more = await HttpAssert.Problem(
            await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "more", resource = "gpus", amount = 1 }),
            HttpStatusCode.Conflict,
            "insufficient-capacity");

        Assert.Equal(0, (long?)more["available"]);
        var region = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);
        AssertPool(region["capacity"]!["gpus"]!, total: 10, reserved: 25, usable: 25, available: 0, heldBack: 0, overcommit: 2.5m, minUnit: 1, maxUnit: null, stepSize: 1);
    }

    [Theory]
    [InlineData(2, "minUnit")]
    [InlineData(6, "stepSize")]
    [InlineData(20, "maxUnit")]
    public async Task AnAmountBreakingAUnitRuleIsRefusedNamingTheRule(long amount, string rule)
    {
        var id = await Api.CreateOnlineRegionAsync(_client);
        await HttpAssert.Json(await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus", new { total = 100, minUnit = 4, maxUnit = 16, stepSize = 4 }), HttpStatusCode.OK);

        var single = await HttpAssert.Problem(
            await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "one", resource = "gpus", amount }),
            HttpStatusCode.BadRequest,
            "unit-rule");
        var several = await HttpAssert.Problem(
            await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "map", resources = new Dictionary<string, long> { ["gpus"] = amount } }),
            HttpStatusCode.BadRequest,
            "unit-rule");

        Assert.Contains(rule, (string?)single["detail"], StringComparison.Ordinal);
        Assert.Equal(["amount"], HttpAssert.ErrorFields(single));
        Assert.Contains(rule, (string?)several["detail"], StringComparison.Ordinal);
        var region = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);
        Assert.Equal(0, (long?)region["capacity"]!["gpus"]!["reserved"]);
        Assert.Equal(0, (int?)region["reservations"]);
    }

    [Fact]
    public async Task AnAmountThatKeepsTheUnitRulesIsHeld()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);
        await HttpAssert.Json(await _client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus", new { total = 100, minUnit = 4, maxUnit = 16, stepSize = 4 }), HttpStatusCode.OK);

        var held = await HttpAssert.Json(
            await _client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "sixteen", resource = "gpus", amount = 16 }),
            HttpStatusCode.Created);

        Assert.Equal(16, (long?)held["amount"]);
    }

    [Fact]
    public async Task TheFootprintSumsUsableAndAvailableUnderEachPoolsPolicy()
    {
        var resource = $"u{Sites.NewTag()}";
        var first = await Api.CreateOnlineRegionAsync(_client, resource, 100);
        var second = await Api.CreateOnlineRegionAsync(_client, resource, 10);

        // First: (100 − 20) × 1.25 = 100 usable, 25 reserved. Second: 10 × 3 = 30 usable, 5 reserved.
        await HttpAssert.Json(await _client.PutAsJsonAsync($"/api/regions/{first}/capacity/{resource}", new { total = 100, heldBack = 20, overcommit = 1.25 }), HttpStatusCode.OK);
        await HttpAssert.Json(await _client.PutAsJsonAsync($"/api/regions/{second}/capacity/{resource}", new { total = 10, overcommit = 3 }), HttpStatusCode.OK);
        await HttpAssert.Json(await _client.PostAsJsonAsync($"/api/regions/{first}/reservations", new { reservationId = "quarter", resource, amount = 25 }), HttpStatusCode.Created);
        await HttpAssert.Json(await _client.PostAsJsonAsync($"/api/regions/{second}/reservations", new { reservationId = "five", resource, amount = 5 }), HttpStatusCode.Created);

        var sums = await FootprintUntilAsync(resource, r => (long?)r?["reserved"] == 30 && (long?)r["usable"] == 130);

        Assert.Equal(110, (long?)sums["total"]);
        Assert.Equal(30, (long?)sums["reserved"]);
        Assert.Equal(130, (long?)sums["usable"]);
        Assert.Equal(100, (long?)sums["available"]);
        Assert.Equal(30.0 / 130, (double)sums["utilization"]!, 9);
    }

    private static void AssertPool(JsonNode pool, long total, long reserved, long usable, long available, long heldBack, decimal overcommit, long minUnit, long? maxUnit, long stepSize)
    {
        Assert.Equal(
            new { total, reserved, available, usable, heldBack, overcommit = (double)overcommit, minUnit, maxUnit, stepSize }.ToString(),
            new
            {
                total = (long)pool["total"]!,
                reserved = (long)pool["reserved"]!,
                available = (long)pool["available"]!,
                usable = (long)pool["usable"]!,
                heldBack = (long)pool["heldBack"]!,
                overcommit = (double)pool["overcommit"]!,
                minUnit = (long)pool["minUnit"]!,
                maxUnit = (long?)pool["maxUnit"],
                stepSize = (long)pool["stepSize"]!,
            }.ToString());
    }

    /// <summary>Waits on the footprint's event stream until its sums of <paramref name="resource"/> satisfy <paramref name="done"/>.</summary>
    private async Task<JsonNode> FootprintUntilAsync(string resource, Func<JsonNode?, bool> done)
    {
        var bound = TimeSpan.FromSeconds(15);
        using var cancel = new CancellationTokenSource(bound);
        using var stream = await _client.GetAsync("/api/footprint/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync(cancel.Token));
        while (true)
        {
            var footprint = await HttpAssert.Json(await _client.GetAsync("/api/footprint"), HttpStatusCode.OK);
            var sums = footprint["resources"]?[resource];
            if (done(sums))
            {
                return sums!;
            }

            try
            {
                await FootprintOracle.NextEventAsync(events, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The footprint's {resource} did not reach the expected sums within {bound}: {sums?.ToJsonString() ?? "absent"}");
            }
        }
    }
}
