namespace RegionGrains.MultiHost.Tests.Infrastructure;

/// <summary>The cluster on PostgreSQL (Orleans' ADO.NET clustering and grain storage with src/RegionGrains.PostgreSql's SQL).</summary>
public sealed class PostgreSqlClusterFixture : NetnsClusterFixture
{
    protected override string Provider => "postgres";
}

/// <summary>The test classes that share the PostgreSql cluster.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCluster : ICollectionFixture<PostgreSqlClusterFixture>
{
    public const string Name = "PostgreSql cluster";
}
