using RegionGrains.Sqlite.Clustering;

namespace RegionGrains.Storage.Tests.Support;

/// <summary>A membership table of a cluster of its own, initialized in a fresh directory for each test.</summary>
public abstract class MembershipTableTest : IAsyncLifetime, IDisposable
{
    protected TempDataDirectory Directory { get; } = new();

    protected string ClusterId { get; } = $"cluster-{Guid.NewGuid():N}";

    protected SqliteMembershipTable Table { get; set; } = null!;

    public async Task InitializeAsync()
    {
        Table = MembershipTables.Create(Directory.Path, ClusterId);
        await Table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
    }

    // xunit disposes asynchronously first, so the table has let go of the file before the directory is removed.
    public async Task DisposeAsync() => await Table.DisposeAsync();

    public void Dispose()
    {
        Directory.Dispose();
        GC.SuppressFinalize(this);
    }
}
