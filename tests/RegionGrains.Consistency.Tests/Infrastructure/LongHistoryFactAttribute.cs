namespace RegionGrains.Consistency.Tests.Infrastructure;

/// <summary>A schedule that runs only in the long runs (<see cref="HistoryRunLength.Variable"/> set), never in CI's short pass.</summary>
public sealed class LongHistoryFactAttribute : FactAttribute
{
    public LongHistoryFactAttribute()
    {
        Skip = HistoryRunLength.LongOnlySkipReason;
    }
}
