using System.Net.Http.Json;

namespace RegionGrains.MultiHost.Tests.Infrastructure;

/// <summary>Silo I of a <see cref="NetnsCluster"/>, on its own address.</summary>
public sealed class NetnsSilo(NetnsCluster cluster, int index) : IFailoverSilo
{
    public int Index => index;

    public string Name => $"silo-{index}";

    public int Id => cluster.ProcessId(Name) ?? 0;

    public async Task<int> CountRegionsAsync(string prefix)
    {
        using var http = new HttpClient { BaseAddress = cluster.SiloAddress(index), Timeout = TimeSpan.FromSeconds(10) };
        var grains = await http.GetFromJsonAsync<LocalGrains>(new Uri($"/cluster/grains?type=region&prefix={Uri.EscapeDataString(prefix)}", UriKind.Relative));
        return grains!.Total;
    }

    /// <summary>The region ids starting with <paramref name="prefix"/> active on this silo now.</summary>
    public async Task<IReadOnlyList<string>> RegionsAsync(string prefix)
    {
        using var http = new HttpClient { BaseAddress = cluster.SiloAddress(index), Timeout = TimeSpan.FromSeconds(10) };
        var grains = await http.GetFromJsonAsync<LocalGrains>(new Uri($"/cluster/grains?type=region&prefix={Uri.EscapeDataString(prefix)}", UriKind.Relative));
        return grains!.Grains.Select(g => g.Key).ToList();
    }

    public void Kill() => cluster.KillSilo(index);

    private sealed record LocalGrains(string Silo, int Total, IReadOnlyList<LocalGrain> Grains);

    private sealed record LocalGrain(string Type, string Key);
}
