namespace RegionGrains.LoadTest.Tests.Smoke;

/// <summary>Smoke runs each start a silo; on two cores they run one at a time. The sample scenario's runs are shared.</summary>
[CollectionDefinition(Name)]
public sealed class SmokeCollection : ICollectionFixture<SampleScenarioRuns>
{
    public const string Name = "smoke runs";
}
