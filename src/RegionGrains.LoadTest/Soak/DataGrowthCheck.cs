using System.Globalization;

namespace RegionGrains.LoadTest.Soak;

/// <summary>
/// Whether a soak's data files stayed bounded: their size at the end is at most a ratio of their size at the middle of
/// the run (the first sample from half the run on, the reference).
/// </summary>
/// <remarks>
/// Under churn a region's journal is compacted into a snapshot, and its history and released ids are kept to a fixed
/// number, so the database fills up to that and then reuses its free pages; the WAL is copied back into the database
/// and reused from its start once it reaches the checkpoint size. Both stop growing once every region has written past
/// its retention, which is a count (1,000 released ids, for one): the more writes each region gets, the sooner. In a
/// run at least twice that long they stay about level in its second half.
/// Data that grows with every write instead (a journal never compacted, retention not applied) grows in the second half
/// by as much as in the first: from nothing, the end is twice the middle. The default ratio of 1.25 leaves room for
/// the reservations held at any time, a random walk with zero drift when reserve and release have the same weight,
/// which grows like the square root of time. A run shorter than twice the filling is still filling up at its middle
/// and can fail. A mix that reserves without releasing holds ever more reservations, and its data grows legitimately:
/// the detail says so.
/// </remarks>
public static class DataGrowthCheck
{
    public const double DefaultMaxGrowth = 1.25;

    /// <summary>The reference is the first sample at or after this share of the last sample's time.</summary>
    public const double ReferenceShare = 0.5;

    public static InvariantCheck Evaluate(IReadOnlyList<SoakSample> samples, double maxGrowth, OperationMix mix)
    {
        if (samples.Count < 2)
        {
            return InvariantCheck.NotApplicable($"{samples.Count} sample(s): the growth needs a reference and a later sample");
        }

        var last = samples[^1];
        var reference = Reference(samples);
        if (reference == last)
        {
            return InvariantCheck.NotApplicable("no sample after the reference");
        }

        if (reference.DataBytes == 0)
        {
            return InvariantCheck.NotApplicable("no data files at the reference (the region journals are not in the data directory)");
        }

        var ratio = (double)last.DataBytes / reference.DataBytes;
        var held = ratio <= maxGrowth;
        var detail = string.Create(
            CultureInfo.InvariantCulture,
            $"{Mib(last.DataBytes)} MiB at {last.Second:0} s, {ratio:0.###}× the {Mib(reference.DataBytes)} MiB at {reference.Second:0} s; at most {maxGrowth:0.###}×");
        if (mix.Includes(OperationKind.Reserve) && !mix.Includes(OperationKind.Release))
        {
            detail += "; the mix reserves without releasing, so its reservations stay held and the data grows with them";
        }

        return new InvariantCheck(held, samples.Count, held ? 0 : 1, detail);
    }

    /// <summary>The first sample at or after <see cref="ReferenceShare"/> of the last one's time.</summary>
    public static SoakSample Reference(IReadOnlyList<SoakSample> samples) => samples.First(s => s.Second >= ReferenceShare * samples[^1].Second);

    private static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.##", CultureInfo.InvariantCulture);
}
