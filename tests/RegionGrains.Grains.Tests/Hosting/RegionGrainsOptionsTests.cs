using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RegionGrains.Hosting.Orleans;
using RegionGrains.Hosting.Stores;

namespace RegionGrains.Grains.Tests.Hosting;

/// <summary>
/// The <c>RegionGrains</c> section is read when a host is built; a value it cannot use stops the host with one sentence
/// per problem, naming the setting, instead of an argument error from inside Orleans.
/// </summary>
public sealed class RegionGrainsOptionsTests
{
    public static TheoryData<string, string, string> Refused() => new()
    {
        { "Provider", "Bogus", "RegionGrains:Provider is 'Bogus'; it names the cluster's store, one of PostgreSql, Redis, Sqlite." },
        { "Provider", "1", "RegionGrains:Provider is '1'; it names the cluster's store, one of PostgreSql, Redis, Sqlite." },
        { "SiloPort", "abc", "RegionGrains:SiloPort is 'abc'; a port is a whole number from 1 to 65535, or 0 for a free one." },
        { "SiloPort", "-1", "RegionGrains:SiloPort is '-1'; a port is a whole number from 1 to 65535, or 0 for a free one." },
        { "GatewayPort", "65536", "RegionGrains:GatewayPort is '65536'; a port is a whole number from 1 to 65535, or 0 for a free one." },
        { "DataDirectory", "", "RegionGrains:DataDirectory is empty; it names the folder of the embedded database (./data by default)." },
        { "ClusterId", " ", "RegionGrains:ClusterId is empty." },
        { "AdvertisedAddress", "silo-1.example", "RegionGrains:AdvertisedAddress is 'silo-1.example', which is not an IP address." },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void AValueTheHostCannotUseIsAConfigurationErrorNamingTheSetting(string setting, string value, string expected)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => RegionGrainsOptions.Read(Configuration((setting, value))));

        Assert.Equal([expected], failure.Failures);
    }

    [Fact]
    public void TheSameSiloAndGatewayPortIsRefused()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => RegionGrainsOptions.Read(Configuration(("SiloPort", "11111"), ("GatewayPort", "11111"))));

        Assert.Equal(["RegionGrains:SiloPort and RegionGrains:GatewayPort are both 11111; they are two ports."], failure.Failures);
    }

    [Fact]
    public void UsableValuesAreReadInAnyCasingOfTheProvidersName()
    {
        var options = RegionGrainsOptions.Read(Configuration(("Provider", "postgresql"), ("SiloPort", "11111"), ("GatewayPort", "0"), ("AdvertisedAddress", "10.0.0.5")));

        Assert.Equal("PostgreSql", ClusterStores.Find(options.Provider)?.Name);
        Assert.Equal(11111, options.SiloPort);
        Assert.Equal("10.0.0.5", options.AdvertisedAddress);
    }

    [Fact]
    public void NothingSetReadsTheDefaults()
    {
        var options = RegionGrainsOptions.Read(Configuration());

        Assert.Equal("Sqlite", options.Provider);
        Assert.Equal("./data", options.DataDirectory);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"RegionGrains:{s.Key}", s.Value)))
            .Build();
}
