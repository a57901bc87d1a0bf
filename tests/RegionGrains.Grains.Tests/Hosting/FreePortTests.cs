using Microsoft.Extensions.Configuration;
using RegionGrains.Hosting.Orleans;

namespace RegionGrains.Grains.Tests.Hosting;

/// <summary>
/// The silo picks its own ports when none are configured; it must never take the port its HTTP server is about to
/// bind (CI once saw a silo take its own --urls port and fail to start with "address already in use").
/// </summary>
public sealed class FreePortTests
{
    [Fact]
    public void TheHttpPortsAreReadFromUrlsAndPortSettingsWhateverTheirHostForm()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:43899; https://*:5443;http://+:8080/;http://[::1]:7001/base",
            ["http_ports"] = "9000;9001",
            ["https_ports"] = "9443",
        }).Build();

        Assert.Equal([5443, 7001, 8080, 9000, 9001, 9443, 43899], FreePort.HttpPorts(configuration).Order());
    }

    [Fact]
    public void NoHttpSettingsMeansNoPortToAvoid() =>
        Assert.Empty(FreePort.HttpPorts(new ConfigurationBuilder().Build()));

    [Fact]
    public void PickedPortsAreDistinctAndNoneIsAvoided()
    {
        // Avoid the ports the kernel hands out right now, so that the picker has to pass over some of them.
        var avoided = FreePort.Pick(8, new HashSet<int>()).ToHashSet();

        var picked = FreePort.Pick(16, avoided);

        Assert.Equal(16, picked.Distinct().Count());
        Assert.DoesNotContain(picked, avoided.Contains);
    }
}
