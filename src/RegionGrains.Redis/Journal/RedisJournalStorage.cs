using System.Globalization;
using RegionGrains.Journal;
using StackExchange.Redis;

namespace RegionGrains.Redis.Journal;

/// <summary>
/// Journal streams in Redis. A stream is four keys sharing one hash tag (so a Redis Cluster keeps them on one
/// node): its head version, a hash of records by version, a snapshot hash, and the lowest version still kept.
/// Every operation is one Lua script, which Redis runs atomically: an append checks the head and writes in one
/// step, so a second activation can never extend the stream. Durability is Redis' own (appendonly/fsync policy).
/// </summary>
public sealed class RedisJournalStorage(SharedRedisConnection connection, string serviceId) : IJournalStorage
{
    // Keys per MGET: one command of about 60 KB, which Redis answers without holding other clients up for long.
    private const int HeadsPerCommand = 1_000;

    private const string AppendScript = """
        local head = tonumber(redis.call('GET', KEYS[1]) or '0')
        local expected = tonumber(ARGV[1])
        if head ~= expected then return head end
        for i = 2, #ARGV do
          redis.call('HSET', KEYS[2], expected + i - 1, ARGV[i])
        end
        redis.call('SET', KEYS[1], expected + #ARGV - 1)
        return -1
        """;

    private const string ReadScript = """
        local sv = tonumber(redis.call('HGET', KEYS[3], 'v') or '0')
        local sp = redis.call('HGET', KEYS[3], 'p')
        local head = tonumber(redis.call('GET', KEYS[1]) or '0')
        local out = {sv, sp, head}
        for i = sv + 1, head do
          out[#out + 1] = redis.call('HGET', KEYS[2], i)
        end
        return out
        """;

    private const string SnapshotScript = """
        local current = tonumber(redis.call('HGET', KEYS[3], 'v') or '-1')
        local v = tonumber(ARGV[1])
        if v > current then
          redis.call('HSET', KEYS[3], 'v', v, 'p', ARGV[2])
          current = v
        end
        local keep = math.min(tonumber(ARGV[3]), current + 1)
        local low = tonumber(redis.call('GET', KEYS[4]) or '1')
        for i = low, keep - 1 do
          redis.call('HDEL', KEYS[2], i)
        end
        if keep > low then redis.call('SET', KEYS[4], keep) end
        return 1
        """;

    private const string InitializeScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
        redis.call('HSET', KEYS[3], 'v', ARGV[1], 'p', ARGV[2])
        redis.call('SET', KEYS[1], ARGV[1])
        local low = tonumber(ARGV[1]) + 1
        for i = 3, #ARGV, 2 do
          redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
          low = math.min(low, tonumber(ARGV[i]))
        end
        redis.call('SET', KEYS[4], low)
        return 1
        """;

    private const string BackwardScript = """
        local head = tonumber(redis.call('GET', KEYS[1]) or '0')
        local low = tonumber(redis.call('GET', KEYS[4]) or '1')
        local limit = tonumber(ARGV[2])
        local i = math.min(tonumber(ARGV[1]) - 1, head)
        local out = {}
        while i >= low and #out < limit * 2 do
          local p = redis.call('HGET', KEYS[2], i)
          if p then
            out[#out + 1] = i
            out[#out + 1] = p
          end
          i = i - 1
        end
        return out
        """;

    /// <inheritdoc />
    public async Task<JournalStream> ReadAsync(string stream, CancellationToken cancellationToken = default)
    {
        var result = (RedisResult[])(await EvaluateAsync(ReadScript, stream, []))!;
        var snapshotVersion = (long)result[0];
        var snapshot = result[1].IsNull ? null : new JournalSnapshot(snapshotVersion, (byte[])result[1]!);
        var records = new JournalRecord[result.Length - 3];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = new JournalRecord(snapshotVersion + 1 + i, (byte[])result[3 + i]!);
        }

        return new JournalStream(snapshot, records);
    }

    /// <inheritdoc />
    public async Task AppendAsync(string stream, long expectedHead, IReadOnlyList<JournalRecord> records, CancellationToken cancellationToken = default)
    {
        JournalRecords.EnsureConsecutive(stream, expectedHead, records);
        var args = new RedisValue[records.Count + 1];
        args[0] = expectedHead;
        for (var i = 0; i < records.Count; i++)
        {
            args[i + 1] = records[i].Payload;
        }

        var head = (long)(await EvaluateAsync(AppendScript, stream, args));
        if (head != -1)
        {
            throw JournalConflictException.For(stream, expectedHead, head);
        }
    }

    /// <inheritdoc />
    public async Task WriteSnapshotAsync(string stream, JournalSnapshot snapshot, long keepFromVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await EvaluateAsync(SnapshotScript, stream, [snapshot.Version, snapshot.Payload, keepFromVersion]);
    }

    /// <inheritdoc />
    public async Task<bool> InitializeAsync(string stream, JournalSnapshot snapshot, IReadOnlyList<JournalRecord> history, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(history);
        var args = new List<RedisValue>(2 + (history.Count * 2)) { snapshot.Version, snapshot.Payload };
        foreach (var record in history)
        {
            args.Add(record.Version);
            args.Add(record.Payload);
        }

        return (long)(await EvaluateAsync(InitializeScript, stream, [.. args])) == 1;
    }

    /// <inheritdoc />
    public async Task<long> ReadHeadAsync(string stream, CancellationToken cancellationToken = default)
    {
        var head = await (await connection.GetAsync()).GetDatabase().StringGetAsync(Keys(stream)[0]);
        return head.IsNull ? 0 : (long)head;
    }

    /// <inheritdoc />
    /// <remarks>
    /// MGET of the streams' head keys, a chunk at a time. Each stream has a hash tag of its own, so the keys of one MGET
    /// span hash slots: this needs one Redis server (as docs/operations.md sets up), not a Redis Cluster.
    /// </remarks>
    public async Task<long[]> ReadHeadsAsync(IReadOnlyList<string> streams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var heads = new long[streams.Count];
        var database = (await connection.GetAsync()).GetDatabase();
        for (var start = 0; start < heads.Length; start += HeadsPerCommand)
        {
            var count = Math.Min(HeadsPerCommand, heads.Length - start);
            var keys = new RedisKey[count];
            for (var i = 0; i < count; i++)
            {
                keys[i] = Keys(streams[start + i])[0];
            }

            var values = await database.StringGetAsync(keys);
            for (var i = 0; i < count; i++)
            {
                heads[start + i] = values[i].IsNull ? 0 : (long)values[i];
            }
        }

        return heads;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JournalRecord>> ReadBackwardAsync(string stream, long before, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var result = (RedisResult[])(await EvaluateAsync(BackwardScript, stream, [before.ToString(CultureInfo.InvariantCulture), limit]))!;
        var records = new JournalRecord[result.Length / 2];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = new JournalRecord((long)result[2 * i], (byte[])result[(2 * i) + 1]!);
        }

        return records;
    }

    private async Task<RedisResult> EvaluateAsync(string script, string stream, RedisValue[] args)
    {
        var database = (await connection.GetAsync()).GetDatabase();
        return await database.ScriptEvaluateAsync(script, Keys(stream), args);
    }

    private RedisKey[] Keys(string stream)
    {
        // One hash tag for the four keys of a stream.
        var tag = $"regiongrains:{{{serviceId}/{stream}}}";
        return [tag + ":head", tag + ":records", tag + ":snapshot", tag + ":low"];
    }
}
