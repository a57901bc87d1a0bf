using RegionGrains.HistoryChecking;
using Xunit.Sdk;

namespace RegionGrains.MultiHost.Tests.Infrastructure;

/// <summary>
/// A long fault schedule in network namespaces: a test only when <see cref="HistoryRunLength.Variable"/> asks for a
/// long run (<see cref="LongScheduleDiscoverer"/>), then, like <see cref="NetnsFactAttribute"/>, skipped only when
/// namespaces cannot be made. A plain run, CI's included, does not have it.
/// </summary>
[XunitTestCaseDiscoverer(LongScheduleDiscoverer.TypeName, LongScheduleDiscoverer.AssemblyName)]
public sealed class LongNetnsFactAttribute : FactAttribute
{
    public LongNetnsFactAttribute()
    {
        Skip = Netns.SkipReason;
    }
}
