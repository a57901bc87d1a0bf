using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RegionGrains.Gateway.Tests.Infrastructure;
using RegionGrains.Testing;

namespace RegionGrains.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class RegionEventStreamTests(SharedGateway gateway)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AClientDroppingAtRandomPointsAndResumingSeesEveryEventOnceInOrder()
    {
        var client = gateway.CreateClient();
        var id = await Api.CreateOnlineRegionAsync(client, total: 1);
        var follower = new RegionEventFollower(client, id, after: 0, seed: 7);

        // Changes keep coming while the client reads, drops and resumes.
        var writes = Task.Run(async () =>
        {
            long version = 0;
            for (var total = 2; total <= 80; total++)
            {
                var region = await HttpAssert.Json(await client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus", new { total }), HttpStatusCode.OK);
                version = (long)region["version"]!;
            }

            return version;
        });
        await follower.FollowUntilAsync(5, Bound);
        var head = await writes;
        await follower.FollowUntilAsync(head, Bound);

        Assert.Equal(Enumerable.Range(1, (int)head).Select(v => (long)v), follower.Versions);
        Assert.True(follower.Connections > 10, $"Only {follower.Connections} connections: the test should drop and resume often.");
    }

    [Fact]
    public async Task EachEventCarriesItsVersionAsIdItsKindAsNameAndTheHistoryEntryAsData()
    {
        var client = gateway.CreateClient();
        var id = await Api.CreateOnlineRegionAsync(client);
        var history = (await HttpAssert.Json(await client.GetAsync($"/api/regions/{id}/history"), HttpStatusCode.OK)).AsArray().Reverse().ToList();

        using var response = await client.GetAsync($"/api/regions/{id}/events?after=0", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var events = new ServerSentEventReader(await response.Content.ReadAsStreamAsync());
        using var cancel = new CancellationTokenSource(Bound);
        foreach (var expected in history)
        {
            var e = await events.NextAsync(cancel.Token) ?? throw new Xunit.Sdk.XunitException("The stream ended early.");
            Assert.Equal(((long)expected!["version"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), e.Id);
            Assert.Equal((string)expected["kind"]!, e.Event);
            Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(e.Data)), $"{e.Data} is not {expected.ToJsonString()}");
        }
    }

    [Fact]
    public async Task WithoutAResumePointTheStreamOpensWithTheHeadThenFollowsNewChanges()
    {
        var client = gateway.CreateClient();
        var id = await Api.CreateOnlineRegionAsync(client);
        var head = (long)(await HttpAssert.Json(await client.GetAsync($"/api/regions/{id}"), HttpStatusCode.OK))["version"]!;

        using var response = await client.GetAsync($"/api/regions/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        using var events = new ServerSentEventReader(await response.Content.ReadAsStreamAsync());
        using var cancel = new CancellationTokenSource(Bound);
        var first = await events.NextAsync(cancel.Token);
        Assert.Equal(new ServerSentEvent($"{head}", "head", $$"""{"version":{{head}}}"""), first);

        (await client.PostAsJsonAsync($"/api/regions/{id}/reservations", new { reservationId = "r-1", resource = "gpus", amount = 3 })).EnsureSuccessStatusCode();
        var next = await events.NextAsync(cancel.Token);
        Assert.Equal(($"{head + 1}", "Reserved"), (next?.Id, next?.Event));
        Assert.Contains("r-1", (string?)JsonNode.Parse(next!.Data)!["detail"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1x")]
    [InlineData(" 1")]
    [InlineData("1\n")]
    [InlineData("99999999999999999999")]
    public async Task ALastEventIdThatIsNotANonNegativeIntegerIsRefused(string lastEventId)
    {
        var client = gateway.CreateClient();
        var id = await Api.CreateOnlineRegionAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/regions/{id}/events");
        request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);

        var problem = await HttpAssert.Problem(await client.SendAsync(request), HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["Last-Event-ID"], HttpAssert.ErrorFields(problem));
    }

    [Fact]
    public async Task AResumePointAfterTheRegionsLatestVersionIsRefused()
    {
        var client = gateway.CreateClient();
        var id = await Api.CreateOnlineRegionAsync(client);

        var problem = await HttpAssert.Problem(await client.GetAsync($"/api/regions/{id}/events?after=1000"), HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["after"], HttpAssert.ErrorFields(problem));
    }

    [Fact]
    public async Task AnUnknownRegionIsNotFound()
    {
        var client = gateway.CreateClient();
        await HttpAssert.Problem(await client.GetAsync($"/api/regions/{Api.NewRegionId()}/events"), HttpStatusCode.NotFound, "region-not-found");
    }

    [Fact]
    public async Task AResumePointOlderThanTheHistoryKeptIsGone()
    {
        var client = gateway.CreateClient();
        var id = await Api.CreateOnlineRegionAsync(client, total: 1);

        // History keeps the last 1,000 events and drops older ones when a snapshot is written (every 256 changes, off
        // the reply path): change the region until a resume from the start is refused, within a bounded number of changes.
        var total = 1;
        HttpResponseMessage response;
        while (true)
        {
            for (var i = 0; i < 100; i++)
            {
                (await client.PutAsJsonAsync($"/api/regions/{id}/capacity/gpus", new { total = ++total })).EnsureSuccessStatusCode();
            }

            response = await client.GetAsync($"/api/regions/{id}/events?after=0", HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                break;
            }

            response.Dispose();
            Assert.True(total < 2_000, "A resume from version 0 was still served after 2,000 changes.");
        }

        var problem = await HttpAssert.Problem(response, HttpStatusCode.Gone, "history-truncated");
        Assert.Contains("version 0", (string?)problem["detail"]);
        response.Dispose();
    }
}
