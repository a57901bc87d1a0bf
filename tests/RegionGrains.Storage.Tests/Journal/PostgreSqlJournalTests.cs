using RegionGrains.Journal;
using RegionGrains.PostgreSql;
using RegionGrains.PostgreSql.Journal;
using RegionGrains.Testing;

namespace RegionGrains.Storage.Tests.Journal;

/// <summary>
/// The journal contract on a real PostgreSQL server (<c>ConnectionStrings__postgres</c>, started by .ci/run), each
/// test class under a service id of its own, on the schema of src/RegionGrains.PostgreSql/Sql installed once, as a silo
/// installs it. A torn batch does not apply here: a batch is one transaction.
/// </summary>
public sealed class PostgreSqlJournalTests : JournalContractTests, IAsyncLifetime
{
    private static readonly Lazy<Task> Schema = new(() => PostgreSqlSchema.InstallAsync(PostgreSqlServer.ConnectionString!, CancellationToken.None));

    private readonly string _serviceId = "journal-tests-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<PostgreSqlJournalStorage> _opened = [];
    private PostgreSqlJournalStorage? _storage;

    protected override IJournalStorage Storage
    {
        get
        {
            Skip.If(PostgreSqlServer.SkipReason is not null, PostgreSqlServer.SkipReason);
            PostgreSqlServer.EnsureAnswers();
            Schema.Value.GetAwaiter().GetResult();
            return _storage ??= Open();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var storage in _opened)
        {
            await storage.DisposeAsync();
        }
    }

    /// <summary>Another instance on the same server; through <see cref="Storage"/> first, so that a test without the server skips.</summary>
    protected override Task<IJournalStorage> ReopenAsync()
    {
        _ = Storage;
        return Task.FromResult<IJournalStorage>(Open());
    }

    private PostgreSqlJournalStorage Open()
    {
        var storage = new PostgreSqlJournalStorage(PostgreSqlServer.ConnectionString!, _serviceId);
        _opened.Add(storage);
        return storage;
    }
}
