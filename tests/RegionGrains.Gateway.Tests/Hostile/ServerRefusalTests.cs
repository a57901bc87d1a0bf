using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using RegionGrains.Gateway.Problems;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests.Hostile;

/// <summary>
/// Statuses the server raises inside the application, not the endpoints (trailer fields too large while a body is
/// read), and any status the framework writes without a body: each gets a complete problem in the API's words.
/// </summary>
[Collection(KestrelGatewayCollection.Name)]
public sealed class ServerRefusalTests(KestrelGateway gateway)
{
    public static TheoryData<int> Statuses() => [.. Enumerable.Range(400, 200)];

    [Theory]
    [MemberData(nameof(Statuses))]
    public void EveryStatusHasACompleteProblemInTheApisWords(int status)
    {
        var problem = FrameworkProblems.Details(status);

        Assert.Equal(status, problem.Status);
        Assert.StartsWith("urn:regiongrains:problem:", problem.Type, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title));
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
    }

    [Fact]
    public async Task TrailerFieldsTooLargeAreA431ProblemWithTypeAndDetail()
    {
        var address = gateway.CreateClient().BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        var request =
            "PUT /api/regions/br-sao-paulo/capacity/gpus HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
            "b\r\n{\"total\":5}\r\n0\r\nX-Trailer: " + new string('a', 40_000) + "\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 431 ", response, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", response, StringComparison.Ordinal);
        var body = response[response.IndexOf('{', StringComparison.Ordinal)..(response.LastIndexOf('}') + 1)];
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(ProblemTypes.HeaderFieldsTooLarge, (string?)problem["type"]);
        Assert.Equal(431, (int?)problem["status"]);
        Assert.Contains("trailer", (string?)problem["detail"], StringComparison.Ordinal);
    }
}
