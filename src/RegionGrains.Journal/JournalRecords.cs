namespace RegionGrains.Journal;

/// <summary>Argument checks every provider applies the same way before it touches storage.</summary>
public static class JournalRecords
{
    /// <summary>Throws unless <paramref name="records"/> is non-empty and runs consecutively from <paramref name="expectedHead"/> + 1.</summary>
    public static void EnsureConsecutive(string stream, long expectedHead, IReadOnlyList<JournalRecord> records)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedHead);
        if (records.Count == 0)
        {
            throw new ArgumentException("An append needs at least one record.", nameof(records));
        }

        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].Version != expectedHead + 1 + i)
            {
                throw new ArgumentException(
                    $"Record {i} of the append to '{stream}' has version {records[i].Version}; expected {expectedHead + 1 + i}.",
                    nameof(records));
            }
        }
    }
}
