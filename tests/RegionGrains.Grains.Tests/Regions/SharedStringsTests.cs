using Microsoft.Extensions.DependencyInjection;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Regions.Journal;
using RegionGrains.Grains.Tests.Infrastructure;

namespace RegionGrains.Grains.Tests.Regions;

/// <summary>Regions loaded from the journal share one instance of the strings many of them hold: country codes and pool names.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SharedStringsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task TwoRegionsLoadedFromTheJournalShareTheirCountryCodeAndPoolNamesAndKeepTheirValues()
    {
        var capacity = new Dictionary<string, long> { ["racks"] = 10, ["power_kw"] = 400 };
        var first = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, capacity);
        var second = await Infrastructure.Regions.CreateAsync(fixture.Grains, RegionStatus.Online, capacity);
        var journal = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<RegionJournal>();

        var (a, _) = await journal.LoadAsync(first.GetPrimaryKeyString());
        var (b, _) = await journal.LoadAsync(second.GetPrimaryKeyString());

        Assert.Same(a.Definition!.CountryCode, b.Definition!.CountryCode);
        Assert.Equal(["power_kw", "racks"], a.Capacity.Keys);
        foreach (var name in a.Capacity.Keys)
        {
            Assert.Same(name, b.Capacity.Keys.Single(n => n == name));
        }

        // Sharing changes instances, never values: what the journal holds is what the grains answer.
        var answered = (await first.GetAsync())!;
        Assert.Equal(answered.Definition, a.Definition);
        Assert.Equal(answered.Capacity, a.Capacity);
        Assert.Equal(answered.Version, a.Version);
    }
}
