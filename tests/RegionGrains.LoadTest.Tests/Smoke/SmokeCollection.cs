namespace RegionGrains.LoadTest.Tests.Smoke;

/// <summary>Smoke runs each start a silo; on two cores they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SmokeCollection
{
    public const string Name = "smoke runs";
}
