using RegionGrains.Redis;
using RegionGrains.Redis.Journal;
using RegionGrains.Journal;
using StackExchange.Redis;
using RegionGrains.Testing;

namespace RegionGrains.Storage.Tests.Journal;

/// <summary>
/// The journal contract on a real Redis server (<c>ConnectionStrings__redis</c>, started by .ci/run). A torn batch
/// does not apply here: each operation is one Lua script, which Redis runs whole or not at all.
/// </summary>
[Collection(RedisJournalTests.Collection)]
public sealed class RedisJournalTests : JournalContractTests, IAsyncLifetime
{
    public const string Collection = "Redis journal";

    private readonly string _serviceId = "journal-tests-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<SharedRedisConnection> _opened = [];
    private RedisJournalStorage? _storage;

    protected override IJournalStorage Storage
    {
        get
        {
            Skip.If(RedisServer.SkipReason is not null, RedisServer.SkipReason);
            RedisServer.EnsureAnswers();
            return _storage ??= Open();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (RedisServer.IsAnswering)
        {
            using var cleanup = await ConnectionMultiplexer.ConnectAsync(RedisServer.ConnectionString);
            var server = cleanup.GetServers()[0];
            foreach (var key in server.Keys(pattern: $"regiongrains:{{{_serviceId}/*"))
            {
                await cleanup.GetDatabase().KeyDeleteAsync(key);
            }
        }

        foreach (var connection in _opened)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>Another instance on the same server; through <see cref="Storage"/> first, so that a test without the server skips.</summary>
    protected override Task<IJournalStorage> ReopenAsync()
    {
        _ = Storage;
        return Task.FromResult<IJournalStorage>(Open());
    }

    /// <summary>A journal over a connection of its own, as a process opening the store would have.</summary>
    private RedisJournalStorage Open()
    {
        var connection = new SharedRedisConnection(ConfigurationOptions.Parse(RedisServer.ConnectionString));
        _opened.Add(connection);
        return new RedisJournalStorage(connection, _serviceId);
    }
}
