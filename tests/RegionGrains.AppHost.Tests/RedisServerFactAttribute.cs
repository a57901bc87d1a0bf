namespace RegionGrains.AppHost.Tests;

/// <summary>A fact that needs Debian's <c>redis-server</c> on the PATH: skipped with the reason locally, run (and failing) in CI.</summary>
public sealed class RedisServerFactAttribute : FactAttribute
{
    public RedisServerFactAttribute()
    {
        var installed = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, "redis-server")));
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!installed && !ci)
        {
            Skip = "redis-server is not installed (apt-get install -y redis-server); .ci/run installs it in CI, where (CI=true) this test never skips: it runs, and fails if redis-server is missing.";
        }
    }
}
