using System.Net;
using System.Net.Http.Json;
using System.Text;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// A body means one thing: a number is a JSON number, a field comes once (in any casing), and every field is one the
/// body takes. The web defaults read "amount":"5" as 5, let the last of two "amount" keys win and skip fields they do
/// not know, so a proxy that read the first and the gateway the last could disagree on what was asked, and a misspelt
/// field would be dropped without a word.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class StrictBodyTests(SharedGateway factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string> RefusedBodies() => new()
    {
        { """{"reservationId":"d1","resource":"gpus","amount":1,"amount":90}""", "amount" },
        { """{"reservationId":"d2","resource":"gpus","amount":1,"Amount":90}""", "amount" },
        { """{"reservationId":"d3","resource":"gpus","amount":"1"}""", "amount" },
        { """{"reservationId":"d4","resource":"gpus","amount":1,"ttlSeconds":"60"}""", "ttlSeconds" },
        { """{"reservationId":"d5","reservationId":"d6","resource":"gpus","amount":1}""", "reservationId" },
    };

    [Theory]
    [MemberData(nameof(RefusedBodies))]
    public async Task ADuplicatedFieldOrAQuotedNumberIsRefusedAndReservesNothing(string body, string field)
    {
        var id = await Api.CreateOnlineRegionAsync(_client);

        var response = await _client.PostAsync($"/api/regions/{id}/reservations", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await HttpAssert.Problem(response, HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal([field], HttpAssert.ErrorFields(problem));
        Assert.DoesNotContain("Path:", (string?)problem["detail"]);
        var region = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);
        Assert.Equal(0, (long?)region["capacity"]!["gpus"]!["reserved"]);
    }

    [Fact]
    public async Task AQuotedTotalIsRefusedToo()
    {
        var id = await Api.CreateOnlineRegionAsync(_client);

        var response = await _client.PutAsync($"/api/regions/{id}/capacity/gpus", new StringContent("""{"total":"500"}""", Encoding.UTF8, "application/json"));

        await HttpAssert.Problem(response, HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal(100, (long?)(await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK))["capacity"]!["gpus"]!["total"]);
    }

    public static TheoryData<string, string, string, string> UnknownFields() => new()
    {
        // A booking ahead misspelt: without the refusal it would hold the capacity now, for good.
        { "/api/regions/{id}/reservations", """{"reservationId":"u1","resource":"gpus","amount":1,"start":"2030-01-01T00:00:00Z"}""", "start", "startsAt" },
        { "/api/regions/{id}/status", """{"status":"Maintenance","reason":"r","why":"w"}""", "why", "status, reason" },
        { "/api/regions:batch", """{"regions":[{"id":"unknown-field-1","definition":{"displayName":"x","countryCode":"NL","geography":"Europe","latitude":1,"longitude":1,"colour":"red"}}]}""", "regions[0].definition.colour", "displayName, countryCode" },
    };

    [Theory]
    [MemberData(nameof(UnknownFields))]
    public async Task AFieldTheBodyDoesNotTakeIsRefusedNamingItAndTheFieldsThereAndChangesNothing(string route, string body, string field, string listed)
    {
        var id = await Api.CreateOnlineRegionAsync(_client);
        var before = await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK);

        var response = await _client.PostAsync(route.Replace("{id}", id, StringComparison.Ordinal), new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await HttpAssert.Problem(response, HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal([field], HttpAssert.ErrorFields(problem));
        var message = (string)problem["errors"]![field]![0]!;
        Assert.StartsWith($"{field} is not a field of this body; the fields here are ", message, StringComparison.Ordinal);
        Assert.Contains(listed, message, StringComparison.Ordinal);
        Assert.Equal(before.ToJsonString(), (await HttpAssert.Json(await _client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK)).ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/regions/unknown-field-1")).StatusCode);
    }

    [Fact]
    public async Task AWellFormedBodyStillReserves() =>
        await HttpAssert.Json(
            await _client.PostAsJsonAsync($"/api/regions/{await Api.CreateOnlineRegionAsync(_client)}/reservations", new { reservationId = "ok", resource = "gpus", amount = 1, ttlSeconds = 60 }),
            HttpStatusCode.Created);
}
