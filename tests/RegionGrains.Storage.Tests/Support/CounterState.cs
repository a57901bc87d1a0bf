namespace RegionGrains.Storage.Tests.Support;

[GenerateSerializer, Alias("RegionGrains.Storage.Tests.CounterState")]
public sealed class CounterState
{
    [Id(0)]
    public string Label { get; set; } = "";

    [Id(1)]
    public int Count { get; set; }

    [Id(2)]
    public List<string> Items { get; set; } = [];
}
