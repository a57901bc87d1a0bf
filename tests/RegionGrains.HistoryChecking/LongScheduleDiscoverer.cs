using Xunit.Abstractions;
using Xunit.Sdk;

namespace RegionGrains.HistoryChecking;

/// <summary>
/// Discovers a long fault schedule (a fact attribute that names this discoverer) only when a long run is asked for
/// (<see cref="HistoryRunLength.Variable"/> set): a plain <c>dotnet test</c>, CI's included, has no such test at all,
/// rather than one it must report skipped. The long runs are commands of their own (docs/consistency.md).
/// </summary>
public sealed class LongScheduleDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    /// <summary>The discoverer's type name, for <see cref="XunitTestCaseDiscovererAttribute"/>.</summary>
    public const string TypeName = "RegionGrains.HistoryChecking.LongScheduleDiscoverer";

    /// <summary>The discoverer's assembly name, for <see cref="XunitTestCaseDiscovererAttribute"/>.</summary>
    public const string AssemblyName = "RegionGrains.HistoryChecking";

    private readonly FactDiscoverer _fact = new(diagnosticMessageSink);

    /// <inheritdoc />
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        HistoryRunLength.IsLong ? _fact.Discover(discoveryOptions, testMethod, factAttribute) : [];
}
