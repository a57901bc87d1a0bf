using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RegionGrains.Gateway.Tests.Infrastructure;
using RegionGrains.Testing;

namespace RegionGrains.Gateway.Tests;

[Collection(WebhookGatewayCollection.Name)]
public sealed class WebhookTests(SharedWebhookGateway gateway)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    internal static object Rule(string url, params string[] regions) =>
        new { on = new[] { "Reserved", "Released" }, regions, target = new { url }, secret = WebhookReceiver.Secret };

    [Fact]
    public async Task DeliveriesAreSignedStandardWebhooksWithAStableIdAndAreListedWithTheirOutcome()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        var client = gateway.CreateClient();
        var id = await Api.CreateOnlineRegionAsync(client);
        var rule = $"rule-{id}";
        var put = await HttpAssert.Json(await client.PutAsJsonAsync($"/api/event-rules/{rule}", Rule(receiver.Url, id)), HttpStatusCode.Created);
        Assert.Null(put["secret"]);
        Assert.Equal(receiver.Url, (string?)put["target"]!["url"]);

        var versions = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var reserved = await HttpAssert.Json(await client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = $"r-{i}", resource = "gpus", amount = 1 }), HttpStatusCode.Created);
            Assert.NotNull(reserved);
        }

        (await client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus", new { total = 500 })).EnsureSuccessStatusCode();
        var head = (long)(await HttpAssert.Json(await client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK))["version"]!;
        versions.AddRange([head - 3, head - 2, head - 1]);

        var received = await receiver.WaitUntilAsync([], r => r.Count >= 3, Bound, "3 deliveries");
        Assert.Equal(versions.Select(v => $"{rule}:{id}:{v}"), received.Select(r => r.Id));
        Assert.All(received, r => Assert.True(r.SignatureValid, $"{r.Id} has a signature that does not verify."));
        var body = JsonNode.Parse(received[0].Body)!;
        Assert.Equal("region.Reserved", (string?)body["type"]);
        Assert.Equal(id, (string?)body["data"]!["regionId"]);
        Assert.Equal(versions[0], (long)body["data"]!["version"]!);

        // The receiver has the third request before the sender records its outcome: wait until it is listed (newest first).
        var deliveries = await Eventually.Until(
            async () => (await HttpAssert.Json(await client.GetAsync($"/api/event-rules/{rule}/deliveries?limit=2"), HttpStatusCode.OK)).AsArray(),
            listed => listed.Count == 2 && (string?)listed[0]!["webhookId"] == $"{rule}:{id}:{versions[2]}",
            Bound,
            "the third delivery's outcome in the list",
            interval: TimeSpan.FromMilliseconds(50));
        Assert.Equal([$"{rule}:{id}:{versions[2]}", $"{rule}:{id}:{versions[1]}"], deliveries.Select(d => (string?)d!["webhookId"]));
        Assert.All(deliveries, d => Assert.Equal(("Delivered", 1, 204), ((string?)d!["outcome"], (int)d["attempts"]!, (int?)d["statusCode"])));

        var stored = await HttpAssert.Json(await client.GetAsync($"/api/event-rules/{rule}"), HttpStatusCode.OK);
        Assert.Null(stored["secret"]);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/event-rules/{rule}")).StatusCode);
        await HttpAssert.Problem(await client.GetAsync($"/api/event-rules/{rule}"), HttpStatusCode.NotFound, "event-rule-not-found");
    }

    [Fact]
    public async Task AReceiverThatWasDownGetsEveryEventOnceItIsBackAndRetriesKeepTheirId()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        await receiver.StopAsync();
        var client = gateway.CreateClient();
        var id = await Api.CreateOnlineRegionAsync(client);
        var rule = $"down-{id}";
        (await client.PutAsJsonAsync($"/api/event-rules/{rule}", Rule(receiver.Url, id))).EnsureSuccessStatusCode();

        var expected = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            (await client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = $"r-{i}", resource = "gpus", amount = 1 })).EnsureSuccessStatusCode();
            var version = (long)(await HttpAssert.Json(await client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK))["version"]!;
            expected.Add($"{rule}:{id}:{version}");
        }

        // The log shows the first event retrying before the receiver comes back.
        await RegionGrains.Testing.Eventually.Until(
            async () => (await HttpAssert.Json(await client.GetAsync($"/api/event-rules/{rule}/deliveries"), HttpStatusCode.OK)).AsArray(),
            log => log.Any(d => (string?)d!["outcome"] == "Retrying" && (int)d["attempts"]! >= 2),
            Bound,
            "a delivery retrying while the receiver is down");
        await receiver.StartAsync();

        var received = await receiver.WaitUntilAsync([], r => expected.All(e => r.Any(x => x.Id == e)), Bound, "every event after the receiver came back");
        Assert.All(received, r => Assert.Contains(r.Id, expected));
        Assert.Equal(expected, received.Select(r => r.Id).Distinct());
        Assert.All(received, r => Assert.True(r.SignatureValid));
    }

    [Theory]
    [InlineData("http://127.0.0.2:8080/hooks")]
    [InlineData("http://[::1]:8080/hooks")]
    [InlineData("http://10.1.2.3/hooks")]
    [InlineData("http://192.168.1.10/hooks")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[fe80::1]/hooks")]
    public async Task LoopbackPrivateAndLinkLocalTargetsAreRefusedUnlessAllowed(string url)
    {
        var client = gateway.CreateClient();
        var problem = await HttpAssert.Problem(await client.PutAsJsonAsync("/api/event-rules/refused", Rule(url)), HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["target.url"], HttpAssert.ErrorFields(problem));
    }

    [Fact]
    public async Task ARuleWithoutKindsWithABadSecretOrABadUrlIsRefusedNamingEachField()
    {
        var client = gateway.CreateClient();
        var body = new { on = Array.Empty<string>(), target = new { url = "ftp://example.com/x" }, secret = "not-a-secret" };
        var problem = await HttpAssert.Problem(await client.PutAsJsonAsync("/api/event-rules/Bad_Name", body), HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["name", "on", "secret", "target.url"], HttpAssert.ErrorFields(problem).Order(StringComparer.Ordinal));
    }
}
