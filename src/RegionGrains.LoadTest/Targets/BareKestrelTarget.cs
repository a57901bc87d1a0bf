namespace RegionGrains.LoadTest.Targets;

/// <summary>The HTTP baseline: every operation is a GET of the bare Kestrel endpoint, over the same kind of client.</summary>
public sealed class BareKestrelTarget(HttpClient client, Uri baseAddress, RegionSet regions) : ILoadTarget
{
    public string Name => "bare-kestrel";

    public async ValueTask<string?> ExecuteAsync(OperationKind kind, int key, Random random, CancellationToken cancellationToken) =>
        HttpRegionTarget.Check(await LoadHttpClient.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, regions.Ids[key])), cancellationToken));
}
