namespace RegionGrains.Cluster.Tests.Infrastructure;

/// <summary>A fact that needs the PostgreSQL server of <see cref="PostgreSqlServer"/>: skipped locally when none answers, run (and failing) in CI.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (PostgreSqlServer.SkipReason is { } reason)
        {
            // PostgreSqlServer.SkipReason is null in CI (CI=true), so CI never skips: there the test runs, and fails if what it needs is missing.
            Skip = reason;
        }
    }
}
