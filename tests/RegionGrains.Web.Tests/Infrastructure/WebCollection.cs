namespace RegionGrains.Web.Tests.Infrastructure;

/// <summary>Every browser test shares one local cluster (3 silos and a gateway) and one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "Browser against a local cluster";
}
