using System.Net;
using System.Net.Http.Json;
using System.Text;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// A body means one thing: a number is a JSON number, and a field comes once (in any casing). The web defaults read
/// "amount":"5" as 5 and let the last of two "amount" keys win, so a proxy that read the first and the gateway the
/// last could disagree on what was asked.
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

    [Fact]
    public async Task AWellFormedBodyStillReserves() =>
        await HttpAssert.Json(
            await _client.PostAsJsonAsync($"/api/regions/{await Api.CreateOnlineRegionAsync(_client)}/reservations", new { reservationId = "ok", resource = "gpus", amount = 1, ttlSeconds = 60 }),
            HttpStatusCode.Created);
}
