namespace RegionGrains.Storage.Tests.Support;

public sealed class CounterGrain([PersistentState("counter", CounterGrain.StorageName)] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    public const string StorageName = "test-store";

    public async Task<int> IncrementAsync(string item)
    {
        state.State.Count++;
        state.State.Items.Add(item);
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<CounterState> GetAsync() => Task.FromResult(state.State);

    public Task ClearAsync() => state.ClearStateAsync();
}
