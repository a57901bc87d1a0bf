namespace RegionGrains.HistoryChecking.Checking;

/// <summary>A fixed-size set of operation indexes with a hash kept up to date (the XOR of a random key per member).</summary>
public sealed class Bits : IEquatable<Bits>
{
    private static readonly Lock KeysGate = new();
    private static long[] _keys = [];
    private readonly ulong[] _words;

    public Bits(int size)
    {
        _words = new ulong[(size + 63) / 64];
        EnsureKeys(size);
    }

    private Bits(ulong[] words, long hash)
    {
        _words = words;
        Hash = hash;
    }

    public long Hash { get; private set; }

    public void Set(int index)
    {
        _words[index >> 6] |= 1UL << (index & 63);
        Hash ^= _keys[index];
    }

    public void Clear(int index)
    {
        _words[index >> 6] &= ~(1UL << (index & 63));
        Hash ^= _keys[index];
    }

    public Bits Copy() => new((ulong[])_words.Clone(), Hash);

    public bool Equals(Bits? other) => other is not null && other.Hash == Hash && other._words.AsSpan().SequenceEqual(_words);

    public override bool Equals(object? obj) => Equals(obj as Bits);

    public override int GetHashCode() => (int)Hash;

    private static void EnsureKeys(int size)
    {
        lock (KeysGate)
        {
            if (_keys.Length >= size)
            {
                return;
            }

            // Fixed seed: the same history checks the same way every time.
            var random = new Random(20261201);
            var keys = new long[Math.Max(size, _keys.Length * 2)];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = random.NextInt64();
            }

            _keys = keys;
        }
    }
}
