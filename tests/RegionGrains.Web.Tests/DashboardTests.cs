using RegionGrains.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RegionGrains.Web.Tests;

/// <summary>The Orleans dashboard on the gateway and on a silo's own HTTP port.</summary>
[Collection(WebCollection.Name)]
public sealed class DashboardTests(WebFixture fixture)
{
    [BrowserFact]
    public async Task TheGatewaysDashboardListsEverySiloOfTheCluster()
    {
        Assert.Equal(3, fixture.Cluster.LiveSilos.Count);
        var map = await fixture.OpenAsync();
        // The dashboard's first load gathers every silo's counters; a CI machine running other test projects needs longer
        // than the page default for it.
        await map.Page.GotoAsync(new Uri(fixture.Cluster.GatewayAddress, "/dashboard/#/silos").ToString(), new() { Timeout = 60_000 });

        foreach (var silo in fixture.Cluster.LiveSilos)
        {
            // The names the test gave its silos (RegionGrains:SiloName), as the dashboard lists them.
            await Expect(map.Page.GetByText(silo.Name, new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }

        await map.ScreenshotAsync("dashboard.png");
        Assert.Empty(map.LeavingRequests);
    }

    [BrowserFact]
    public async Task EachSiloServesTheDashboardOnItsOwnHttpPort()
    {
        using var http = new HttpClient { BaseAddress = fixture.Cluster.LiveSilos[0].HttpAddress };
        var response = await http.GetAsync(new Uri("/dashboard/DashboardCounters", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"hosts\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
