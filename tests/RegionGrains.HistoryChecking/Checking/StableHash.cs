namespace RegionGrains.HistoryChecking.Checking;

/// <summary>FNV-1a over a string's UTF-16 code units: 64 bits, the same in every process (string.GetHashCode is neither).</summary>
public static class StableHash
{
    public static long Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (long)hash;
    }
}
