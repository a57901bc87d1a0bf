using System.Net.Http.Json;
using RegionGrains.Cluster.Tests.Infrastructure;

namespace RegionGrains.Cluster.Tests;

/// <summary>What only real processes can show: the gateway's refusal to start exposed, and TLS keeping strangers out.</summary>
public sealed class SecurityProcessTests
{
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AGatewayWithoutAuthenticationRefusesToListenBeyondLoopback()
    {
        var root = Path.Combine(Path.GetTempPath(), "regiongrains-cluster-tests", $"exposed-{Guid.NewGuid():N}");
        var address = FreeTcpPort.NewLoopbackHttpAddress();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["RegionGrains__DataDirectory"] = Path.Combine(root, "data"),
        };
        Directory.CreateDirectory(root);
        int? exitCode;
        string log;
        try
        {
            // --urls on every interface, as a container or a server would be started, and no authentication configured.
            using var gateway = ClusterProcess.Start("gateway", LocalCluster.GatewayAssembly, new Uri($"http://0.0.0.0:{address.Port}/"), environment, root);
            exitCode = await gateway.WaitForExitAsync(ExitBound);
            log = gateway.Tail(40);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }

        Assert.True(exitCode == 2, $"Expected the gateway to exit with 2, got {(exitCode is null ? "still running" : exitCode)}.\n{log}");
        Assert.Contains("refuses to listen on http://0.0.0.0", log, StringComparison.Ordinal);
        Assert.Contains("Authentication:Schemes:Bearer", log, StringComparison.Ordinal);
        Assert.Contains("RegionGrains:Auth:Mode=None", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASiloWithoutTheClustersCertificateCannotJoin()
    {
        await using var cluster = new LocalCluster(ClusterStore.Sqlite);
        var certificates = Path.Combine(Path.GetTempPath(), "regiongrains-cluster-tests", $"tls-{Guid.NewGuid():N}");
        foreach (var (key, value) in TestCertificate.Create(certificates, "cluster"))
        {
            cluster.Environment[key] = value;
        }

        // Two silos and the gateway (a client) with the cluster's certificate: the cluster forms and serves over TLS.
        var first = await cluster.StartSiloAsync();
        await cluster.StartSiloAsync();
        await cluster.StartGatewayAsync();
        await cluster.WaitUntilServingAsync();

        // A silo with a certificate of its own is refused by every member it tries, and gives up.
        var stranger = cluster.StartSiloProcess(TestCertificate.Create(certificates, "stranger"));
        var exitCode = await stranger.WaitForExitAsync(ExitBound);

        Assert.True(exitCode is not null and not 0, $"The stranger silo should have failed to join and exited; exit code {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none, still running"}.\n{stranger.Tail(40)}");
        using var http = new HttpClient { BaseAddress = first.HttpAddress };
        var members = await http.GetFromJsonAsync<MemberList>("/cluster/members");
        Assert.Equal(2, members!.Members.Count(m => m.Status == "Active"));
        Assert.DoesNotContain(members.Members, m => m.Name == stranger.Name && m.Status == "Active");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await cluster.Http.GetAsync(new Uri("/api/regions/br-sao-paulo", UriKind.Relative))).StatusCode);
        Directory.Delete(certificates, recursive: true);
    }

    private sealed record MemberList(IReadOnlyList<Member> Members);

    private sealed record Member(string Name, string Status);
}
