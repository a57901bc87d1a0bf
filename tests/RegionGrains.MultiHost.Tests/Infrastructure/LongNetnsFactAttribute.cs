using RegionGrains.HistoryChecking;

namespace RegionGrains.MultiHost.Tests.Infrastructure;

/// <summary>
/// A long fault schedule in network namespaces: runs only when <see cref="HistoryRunLength.Variable"/> asks for a long
/// run (then, like <see cref="NetnsFactAttribute"/>, skipped locally only when namespaces cannot be made). CI runs
/// the short schedules and never these.
/// </summary>
public sealed class LongNetnsFactAttribute : FactAttribute
{
    public LongNetnsFactAttribute()
    {
        Skip = HistoryRunLength.LongOnlySkipReason ?? Netns.SkipReason;
    }
}
