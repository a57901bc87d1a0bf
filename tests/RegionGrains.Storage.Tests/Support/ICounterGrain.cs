namespace RegionGrains.Storage.Tests.Support;

[Alias("RegionGrains.Storage.Tests.ICounterGrain")]
public interface ICounterGrain : IGrainWithStringKey
{
    [Alias("Increment")]
    Task<int> IncrementAsync(string item);

    [Alias("Get")]
    Task<CounterState> GetAsync();

    [Alias("Clear")]
    Task ClearAsync();
}
