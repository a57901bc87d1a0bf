namespace RegionGrains.MultiHost.Tests.Infrastructure;

/// <summary>The cluster on PostgreSQL (Orleans' ADO.NET clustering and grain storage with src/RegionGrains.PostgreSql's SQL).</summary>
public sealed class PostgreSqlClusterFixture : NetnsClusterFixture
{
    protected override string Provider => "postgres";
}
