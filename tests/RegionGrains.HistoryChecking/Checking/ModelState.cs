using System.Collections.Immutable;

namespace RegionGrains.HistoryChecking.Checking;

/// <summary>
/// The sequential model's state of one region: the pool, the held reservations (id → amount), the ids that ended, the
/// status and the version. Immutable; its 64-bit hash is kept up to date as it changes (the held and ended sets hash
/// as the XOR of their members), so the checker's cache never hashes a whole set.
/// </summary>
public sealed class ModelState : IEquatable<ModelState>
{
    private readonly long _setsHash;

    private ModelState(long total, long reserved, string status, long version, ImmutableDictionary<string, long> held, ImmutableHashSet<string> ended, long setsHash)
    {
        Total = total;
        Reserved = reserved;
        Status = status;
        Version = version;
        Held = held;
        Ended = ended;
        _setsHash = setsHash;
        Hash = Mix(Mix(Mix(Mix(setsHash ^ total) ^ reserved) ^ version) ^ StableHash.Of(status));
    }

    public long Total { get; }

    public long Reserved { get; }

    public string Status { get; }

    public long Version { get; }

    public ImmutableDictionary<string, long> Held { get; }

    public ImmutableHashSet<string> Ended { get; }

    public long Hash { get; }

    public static ModelState Initial(long total, long reserved, string status, long version) =>
        new(total, reserved, status, version, ImmutableDictionary<string, long>.Empty, ImmutableHashSet<string>.Empty, 0);

    public ModelState WithHeld(string id, long amount) =>
        new(Total, Reserved + amount, Status, Version + 1, Held.Add(id, amount), Ended, _setsHash ^ HeldHash(id, amount));

    public ModelState WithEnded(string id)
    {
        var amount = Held[id];
        return new(Total, Reserved - amount, Status, Version + 1, Held.Remove(id), Ended.Add(id), _setsHash ^ HeldHash(id, amount) ^ EndedHash(id));
    }

    public ModelState WithTotal(long total) => new(total, Reserved, Status, Version + 1, Held, Ended, _setsHash);

    public ModelState WithStatus(string status) => new(Total, Reserved, status, Version + 1, Held, Ended, _setsHash);

    public bool Equals(ModelState? other) =>
        other is not null && other.Hash == Hash && other.Total == Total && other.Reserved == Reserved && other.Version == Version &&
        other.Status == Status && other.Held.Count == Held.Count && other.Ended.Count == Ended.Count &&
        Held.All(h => other.Held.TryGetValue(h.Key, out var amount) && amount == h.Value) && Ended.SetEquals(other.Ended);

    public override bool Equals(object? obj) => Equals(obj as ModelState);

    public override int GetHashCode() => (int)Hash;

    public override string ToString() =>
        $"v{Version} {Status} total={Total} reserved={Reserved} held=[{string.Join(",", Held.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}:{h.Value}"))}]";

    private static long HeldHash(string id, long amount) => Mix(StableHash.Of(id) + amount);

    private static long EndedHash(string id) => Mix(StableHash.Of(id) ^ 0x5bd1e995);

    private static long Mix(long x)
    {
        // splitmix64's finalizer: every input bit reaches every output bit.
        var z = (ulong)x;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return (long)(z ^ (z >> 31));
    }
}
