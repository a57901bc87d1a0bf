using Xunit.Sdk;

namespace RegionGrains.Consistency.Tests.Infrastructure;

/// <summary>
/// A schedule of the long runs only: a test only when <see cref="HistoryRunLength.Variable"/> is set
/// (<see cref="LongScheduleDiscoverer"/>); a plain run, CI's included, does not have it.
/// </summary>
[XunitTestCaseDiscoverer(LongScheduleDiscoverer.TypeName, LongScheduleDiscoverer.AssemblyName)]
public sealed class LongHistoryFactAttribute : FactAttribute;
