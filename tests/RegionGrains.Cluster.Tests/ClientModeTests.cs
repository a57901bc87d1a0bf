using System.Net;
using System.Net.Http.Json;

namespace RegionGrains.Cluster.Tests;

/// <summary>The gateway in client mode with no silo to reach: it starts anyway, answers 503 problem+json, and recovers by itself.</summary>
public sealed class ClientModeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task GatewayWithoutReachableSiloAnswers503ProblemAndRecoversByItself()
    {
        await using var cluster = new LocalCluster(ClusterStore.Sqlite);
        var http = cluster.Http;

        // Started before any silo exists: it listens at once and says the cluster is unavailable.
        await cluster.WaitStartedAsync(cluster.StartGatewayProcess());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        await AssertUnavailableAsync(http, cluster);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);

        // The first silo: the gateway connects by itself.
        var silo = await cluster.StartSiloAsync();
        await cluster.WaitUntilServingAsync();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);

        // The only silo dies: every request is answered, quickly, with a 503 problem.
        silo.Kill();
        var lost = System.Diagnostics.Stopwatch.StartNew();
        await AssertUnavailableAsync(http, cluster);
        output.WriteLine($"503 problem answered {lost.Elapsed.TotalSeconds:0.0}s after the last silo died");

        // A new silo: the gateway finds it again without being restarted.
        var replacement = System.Diagnostics.Stopwatch.StartNew();
        await cluster.StartSiloAsync();
        await cluster.WaitUntilServingAsync();
        output.WriteLine($"serving again {replacement.Elapsed.TotalSeconds:0.0}s after starting a new silo");
        var reserved = await http.ReserveAsync("br-sao-paulo", $"client-mode-{Guid.NewGuid():N}", "gpus");
        Assert.Equal(201, reserved.Status);
    }

    /// <summary>Reads and writes both answer 503 problem+json of the cluster-unavailable type, each within seconds, never 500.</summary>
    private static async Task AssertUnavailableAsync(HttpClient http, LocalCluster cluster)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var read = await http.GetAsync(new Uri("/api/regions/br-sao-paulo", UriKind.Relative));
        var write = await http.ReserveAsync("br-sao-paulo", $"client-mode-{Guid.NewGuid():N}", "gpus");

        Assert.True(read.StatusCode == HttpStatusCode.ServiceUnavailable, $"GET answered {(int)read.StatusCode}\n{cluster.Diagnostics()}");
        Assert.Equal(GatewayApi.ProblemJson, read.Content.Headers.ContentType?.MediaType);
        var problem = await read.Content.ReadFromJsonAsync<ProblemBody>();
        Assert.Equal(GatewayApi.ClusterUnavailable, problem!.Type);
        Assert.Equal(503, problem.Status);
        Assert.True(read.Headers.RetryAfter is not null, "A 503 says when to retry.");

        Assert.True(write.Status == 503 && write.ProblemType == GatewayApi.ClusterUnavailable, $"POST answered {write.Status} {write.ContentType} {write.ProblemType}");
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(15), $"Answering took {started.Elapsed}; a request must not hang while no silo is reachable.");
    }

    private sealed record ProblemBody(string Type, string Title, int Status, string? Detail);
}
