using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// <c>GET /api/placement/candidates</c> against sites each test creates with resource names of its own, so that no
/// other region can be a candidate; the answers are compared with <see cref="PlacementOracle"/>'s brute force over
/// the test's own record of those sites.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class PlacementEndpointTests(SharedGateway factory)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);
    private static readonly (double Latitude, double Longitude) Brussels = (50.85, 4.35);
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task EachPolicyOrdersTheSitesThatTakeTheWholeOrderAsTheBruteForceDoes()
    {
        var world = await World.CreateAsync(_client);
        var order = world.Order(4, 1);

        foreach (var policy in new[] { "pack", "spread" })
        {
            var answer = await CandidatesAsync($"resources={world.Gpus}:4,{world.Racks}:1&policy={policy}");
            Assert.Equal(policy, (string?)answer["policy"]);
            PlacementOracle.AssertAnswer(answer, PlacementOracle.Candidates(world.Sites, order, policy), order, policy);
        }

        // A point given with another policy is only reported: the order stays the policy's, each candidate has its distance.
        var packNear = await CandidatesAsync($"resources={world.Gpus}:4,{world.Racks}:1&policy=pack&near=50.85,4.35");
        PlacementOracle.AssertAnswer(packNear, PlacementOracle.Candidates(world.Sites, order, "pack", near: Brussels), order, "pack with near");

        var nearest = await CandidatesAsync($"resources={world.Gpus}:4,{world.Racks}:1&policy=nearest&near=50.85,4.35");
        Assert.Equal("nearest", (string?)nearest["policy"]);
        PlacementOracle.AssertAnswer(nearest, PlacementOracle.Candidates(world.Sites, order, "nearest", near: Brussels), order, "nearest");

        // Written out by hand as well. Used: Tokyo 0.625, Paris 0.375, São Paulo 0.0625, London and Frankfurt 0. From
        // Brussels: Paris 265 km, Frankfurt 317, London 321, Tokyo 9,449, São Paulo 9,660.
        var pack = await CandidatesAsync($"resources={world.Gpus}:4,{world.Racks}:1&policy=pack");
        Assert.Equal(world.Ids("c", "a", "b", "d", "e"), Ids(pack));
        Assert.Equal(world.Ids("a", "e", "d", "c", "b"), Ids(nearest));
    }

    [Fact]
    public async Task WithoutAPolicyTheOrderIsSpreadOrNearestWhenAPointIsGiven()
    {
        var world = await World.CreateAsync(_client);
        var order = world.Order(4, 1);

        var plain = await CandidatesAsync($"resources={world.Gpus}:4,{world.Racks}:1");
        var near = await CandidatesAsync($"resources={world.Gpus}:4,{world.Racks}:1&near=50.85,4.35");

        Assert.Equal("spread", (string?)plain["policy"]);
        PlacementOracle.AssertAnswer(plain, PlacementOracle.Candidates(world.Sites, order, "spread"), order, "default");
        Assert.Equal("nearest", (string?)near["policy"]);
        PlacementOracle.AssertAnswer(near, PlacementOracle.Candidates(world.Sites, order, "nearest", near: Brussels), order, "default with near");
        Assert.True(DateTimeOffset.TryParse((string?)plain["asOf"], out _), $"asOf is a time: {plain["asOf"]}");
    }

    [Fact]
    public async Task ASiteMissingAPoolBreakingAUnitRuleOrShortOfCapacityIsNoCandidate()
    {
        var world = await World.CreateAsync(_client);

        // 4 gpus and a rack: New York has no racks pool, Amsterdam takes gpus 8 at a time, Dubai has 2 left, Madrid is in maintenance.
        var both = await CandidatesAsync($"resources={world.Gpus}:4,{world.Racks}:1&policy=spread");
        Assert.Equal(world.Ids("d", "e", "b", "a", "c"), Ids(both));

        // 8 gpus alone: New York and Amsterdam now fit.
        var eight = await CandidatesAsync($"resources={world.Gpus}:8&policy=spread");
        PlacementOracle.AssertAnswer(eight, PlacementOracle.Candidates(world.Sites, world.Order(8), "spread"), world.Order(8), "8 gpus");
        Assert.Contains(world.Id("g"), Ids(eight));
        Assert.Contains(world.Id("h"), Ids(eight));

        // 40 gpus: above Amsterdam's maxUnit, above what Tokyo has left.
        var forty = await CandidatesAsync($"resources={world.Gpus}:40&policy=pack");
        PlacementOracle.AssertAnswer(forty, PlacementOracle.Candidates(world.Sites, world.Order(40), "pack"), world.Order(40), "40 gpus");
        Assert.DoesNotContain(world.Id("h"), Ids(forty));
        Assert.DoesNotContain(world.Id("c"), Ids(forty));

        var tooMuch = await CandidatesAsync($"resources={world.Gpus}:1000000");
        Assert.Empty(tooMuch["candidates"]!.AsArray());
    }

    [Fact]
    public async Task FiltersAndTheLimitNarrowTheCandidates()
    {
        var world = await World.CreateAsync(_client);
        var order = world.Order(4, 1);
        var query = $"resources={world.Gpus}:4,{world.Racks}:1";

        var online = await CandidatesAsync($"{query}&status=Online&policy=pack");
        var europe = await CandidatesAsync($"{query}&geography=Europe&policy=spread");
        var degradedInAsia = await CandidatesAsync($"{query}&status=Degraded&geography=AsiaPacific");
        var dataCenters = await CandidatesAsync($"{query}&kind=DataCenter&policy=spread");
        var serviceCenters = await CandidatesAsync($"{query}&kind=ServiceCenter");
        var maintenance = await CandidatesAsync($"{query}&status=Maintenance");
        var firstTwo = await CandidatesAsync($"{query}&policy=pack&limit=2");

        PlacementOracle.AssertAnswer(online, PlacementOracle.Candidates(world.Sites, order, "pack", status: "Online"), order, "status=Online");
        Assert.Equal(world.Ids("a", "b", "e"), Ids(online));
        PlacementOracle.AssertAnswer(europe, PlacementOracle.Candidates(world.Sites, order, "spread", geography: "Europe"), order, "geography=Europe");
        Assert.Equal(world.Ids("d", "e", "a"), Ids(europe));
        Assert.Equal(world.Ids("c"), Ids(degradedInAsia));
        PlacementOracle.AssertAnswer(dataCenters, PlacementOracle.Candidates(world.Sites, order, "spread"), order, "kind=DataCenter");
        Assert.Empty(serviceCenters["candidates"]!.AsArray());
        Assert.Empty(maintenance["candidates"]!.AsArray());
        Assert.Equal(world.Ids("c", "a"), Ids(firstTwo));
    }

    [Fact]
    public async Task ACandidateMovesAsItsRegionChanges()
    {
        var world = await World.CreateAsync(_client);

        // Frankfurt fills up to 60 of 64 gpus: it is now the fullest site for 4 gpus, and has no room for 8.
        await HttpAssert.Json(
            await _client.PostAsJsonAsync($"/api/regions/{world.Id("e")}/reservations", new { reservationId = "fill", resources = new Dictionary<string, long> { [world.Gpus] = 60 } }),
            HttpStatusCode.Created);
        var filled = world.With("e", world.Gpus, reserved: 60);
        await filled.Site("e").RefreshVersionAsync(_client);
        await Sites.WaitUntilPartitionsShowAsync(_client, filled.Sites, Settle);

        var four = await CandidatesAsync($"resources={world.Gpus}:4&policy=pack");
        var eight = await CandidatesAsync($"resources={world.Gpus}:8&policy=pack");

        PlacementOracle.AssertAnswer(four, PlacementOracle.Candidates(filled.Sites, filled.Order(4), "pack"), filled.Order(4), "after filling Frankfurt");
        Assert.Equal(world.Id("e"), Ids(four)[0]);
        Assert.DoesNotContain(world.Id("e"), Ids(eight));
    }

    [Theory]
    [InlineData("", "resources")]
    [InlineData("resources=gpus", "resources")]
    [InlineData("resources=gpus:0", "resources")]
    [InlineData("resources=gpus:-1", "resources")]
    [InlineData("resources=gpus:1.5", "resources")]
    [InlineData("resources=GPUS:1", "resources")]
    [InlineData("resources=gpus:1,gpus:2", "resources")]
    [InlineData("resources=gpus:1,", "resources")]
    [InlineData("resources=gpus:1000000000001", "resources")]
    [InlineData("resources=gpus:1&policy=closest", "policy")]
    [InlineData("resources=gpus:1&policy=Pack", "policy")]
    [InlineData("resources=gpus:1&policy=nearest", "policy")]
    [InlineData("resources=gpus:1&near=91,0", "near")]
    [InlineData("resources=gpus:1&near=0,181", "near")]
    [InlineData("resources=gpus:1&near=48.8", "near")]
    [InlineData("resources=gpus:1&near=north,east", "near")]
    [InlineData("resources=gpus:1&status=online", "status")]
    [InlineData("resources=gpus:1&geography=Mars", "geography")]
    [InlineData("resources=gpus:1&kind=Warehouse", "kind")]
    [InlineData("resources=gpus:1&limit=0", "limit")]
    [InlineData("resources=gpus:1&limit=1001", "limit")]
    [InlineData("resources=gpus:1&limit=ten", "limit")]
    public async Task AMalformedQueryIsAValidationProblemNamingTheParameter(string query, string field)
    {
        var problem = await HttpAssert.Problem(await _client.GetAsync($"/api/placement/candidates?{query}"), HttpStatusCode.BadRequest, "validation");

        Assert.Equal([field], HttpAssert.ErrorFields(problem));
    }

    [Fact]
    public async Task AResourcesTermThatIsNotNameColonAmountIsQuotedInTheMessage()
    {
        var seventeen = string.Join(",", Enumerable.Range(0, 17).Select(i => $"r{i}:1"));

        var badTerm = await HttpAssert.Problem(await _client.GetAsync("/api/placement/candidates?resources=gpus:1,racks:x"), HttpStatusCode.BadRequest, "validation");
        var tooMany = await HttpAssert.Problem(await _client.GetAsync($"/api/placement/candidates?resources={seventeen}"), HttpStatusCode.BadRequest, "validation");
        var sixteen = await _client.GetAsync($"/api/placement/candidates?resources={string.Join(",", Enumerable.Range(0, 16).Select(i => $"r{i}:1"))}");

        Assert.Contains("'racks:x'", (string?)badTerm["errors"]!["resources"]![0], StringComparison.Ordinal);
        Assert.Equal(["resources"], HttpAssert.ErrorFields(tooMany));
        Assert.Equal(HttpStatusCode.OK, sixteen.StatusCode);
    }

    private async Task<JsonNode> CandidatesAsync(string query) =>
        await HttpAssert.Json(await _client.GetAsync($"/api/placement/candidates?{query}"), HttpStatusCode.OK);

    private static List<string> Ids(JsonNode answer) => [.. answer["candidates"]!.AsArray().Select(c => (string)c!["regionId"]!)];

    /// <summary>
    /// Nine sites under one tag, with two resources named after the tag. Utilizations are chosen so that means are
    /// exact in floating point, and London and Frankfurt are equal (a tie the region id breaks).
    /// </summary>
    private sealed class World
    {
        private World(string tag, IReadOnlyList<Site> sites)
        {
            Tag = tag;
            Sites = sites;
        }

        public string Tag { get; }

        public string Gpus => $"g{Tag}";

        public string Racks => $"r{Tag}";

        public IReadOnlyList<Site> Sites { get; }

        public static async Task<World> CreateAsync(HttpClient client)
        {
            var tag = Infrastructure.Sites.NewTag();
            var (g, r) = ($"g{tag}", $"r{tag}");
            Site Make(string letter, string status, string geography, double lat, double lon, params (string Resource, SitePool Pool)[] pools) =>
                new($"pl-{tag}-{letter}", status, geography, lat, lon, pools.ToDictionary(p => p.Resource, p => p.Pool));

            var sites = new[]
            {
                Make("a", "Online", "Europe", 48.85, 2.35, (g, new SitePool(100, 50)), (r, new SitePool(8, 2))),
                Make("b", "Online", "Americas", -23.55, -46.63, (g, new SitePool(200, 25)), (r, new SitePool(8))),
                Make("c", "Degraded", "AsiaPacific", 35.68, 139.69, (g, new SitePool(100, 96, HeldBack: 20, Overcommit: 1.6m)), (r, new SitePool(8, 4))),
                Make("d", "Launching", "Europe", 51.51, -0.13, (g, new SitePool(64)), (r, new SitePool(8))),
                Make("e", "Online", "Europe", 50.11, 8.68, (g, new SitePool(64)), (r, new SitePool(8))),
                Make("f", "Maintenance", "Europe", 40.42, -3.70, (g, new SitePool(1000)), (r, new SitePool(100))),
                Make("g", "Online", "Americas", 40.71, -74.01, (g, new SitePool(64))),
                Make("h", "Online", "Europe", 52.37, 4.90, (g, new SitePool(64, MinUnit: 8, MaxUnit: 32, StepSize: 8)), (r, new SitePool(8))),
                Make("i", "Online", "MiddleEast", 25.20, 55.27, (g, new SitePool(10, 8)), (r, new SitePool(8))),
            };
            await Infrastructure.Sites.CreateAllAsync(client, sites);
            await Infrastructure.Sites.WaitUntilPartitionsShowAsync(client, sites, Settle);
            return new World(tag, sites);
        }

        public string Id(string letter) => $"pl-{Tag}-{letter}";

        public List<string> Ids(params string[] letters) => [.. letters.Select(Id)];

        public Site Site(string letter) => Sites.Single(s => s.Id == Id(letter));

        public Dictionary<string, long> Order(long gpus, long? racks = null) =>
            racks is { } rackCount ? new() { [Gpus] = gpus, [Racks] = rackCount } : new() { [Gpus] = gpus };

        /// <summary>The same world after the test reserved more of one pool, as the test's own record.</summary>
        public World With(string letter, string resource, long reserved) =>
            new(Tag, [.. Sites.Select(s => s.Id != Id(letter) ? s : s.WithPool(resource, s.Pools[resource] with { Reserved = reserved }))]);
    }
}
