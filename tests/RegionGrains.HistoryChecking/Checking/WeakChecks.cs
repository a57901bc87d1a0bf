using RegionGrains.HistoryChecking.History;

namespace RegionGrains.HistoryChecking.Checking;

/// <summary>
/// Checks weaker than linearizability, each a direct scan of one region's history: they always finish, need no
/// search, and name the operations that break them.
/// </summary>
public static class WeakChecks
{
    /// <summary>Every weak check's findings for one region, each a sentence naming the operations.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<HistoryOp> ops) =>
        [.. OverAllocated(ops), .. VersionsGoBack(ops), .. ReadsOlderThanWrites(ops), .. LostReservations(ops)];

    /// <summary>A read that shows more reserved than the total.</summary>
    public static IEnumerable<string> OverAllocated(IReadOnlyList<HistoryOp> ops) =>
        ops.Where(o => o is { Kind: OpKind.ReadRegion, Outcome: Outcome.Ok } && o.ReadReserved > o.ReadTotal)
            .Select(o => $"over-allocated: {o}");

    /// <summary>A read that shows an older version than a read that completed before it began.</summary>
    public static IEnumerable<string> VersionsGoBack(IReadOnlyList<HistoryOp> ops) =>
        OlderThanBefore(ops.Where(o => o is { Kind: OpKind.ReadRegion, Outcome: Outcome.Ok }).ToList(), "version went back");

    /// <summary>
    /// A read of the region older than a change acknowledged with its version before the read began (a status or a
    /// total), or a read of a reservation that finds none after its creation was acknowledged and before any release
    /// of it was sent.
    /// </summary>
    public static IEnumerable<string> ReadsOlderThanWrites(IReadOnlyList<HistoryOp> ops)
    {
        var versioned = ops.Where(o => o is { Kind: OpKind.SetCapacity or OpKind.SetStatus, Outcome: Outcome.Ok, Version: not null })
            .Concat(ops.Where(o => o is { Kind: OpKind.ReadRegion, Outcome: Outcome.Ok }))
            .ToList();
        foreach (var finding in OlderThanBefore(versioned, "read older than a write").Where(f => f.Contains(nameof(OpKind.ReadRegion) + " ", StringComparison.Ordinal)))
        {
            yield return finding;
        }

        var created = ops.Where(o => o is { Kind: OpKind.Reserve, Outcome: Outcome.Ok }).GroupBy(o => o.ReservationId!).ToDictionary(g => g.Key, g => g.Min(o => o.Complete!.Value));
        var releasesSent = ops.Where(o => o.Kind == OpKind.Release).GroupBy(o => o.ReservationId!).ToDictionary(g => g.Key, g => g.Min(o => o.Invoke));
        foreach (var read in ops.Where(o => o is { Kind: OpKind.ReadReservation, Outcome: Outcome.Ok, ReservationState: "NotFound" }))
        {
            if (created.TryGetValue(read.ReservationId!, out var acknowledged) && acknowledged < read.Invoke &&
                (!releasesSent.TryGetValue(read.ReservationId!, out var released) || released > read.Complete))
            {
                yield return $"read older than a write: {read} after its reservation was acknowledged at {acknowledged}, and no release was sent";
            }
        }
    }

    /// <summary>
    /// An acknowledged reservation that the last read of it finds neither held nor ended, or finds ended when no
    /// release of it was acknowledged or left unknown.
    /// </summary>
    public static IEnumerable<string> LostReservations(IReadOnlyList<HistoryOp> ops)
    {
        var acknowledged = ops.Where(o => o is { Kind: OpKind.Reserve, Outcome: Outcome.Ok }).Select(o => o.ReservationId!).ToHashSet();
        var released = ops.Where(o => o is { Kind: OpKind.Release, Outcome: Outcome.Ok or Outcome.Unknown }).Select(o => o.ReservationId!).ToHashSet();
        var lastReads = ops.Where(o => o is { Kind: OpKind.ReadReservation, Outcome: Outcome.Ok } && acknowledged.Contains(o.ReservationId!))
            .GroupBy(o => o.ReservationId!)
            .Select(g => g.MaxBy(o => o.Complete)!);
        foreach (var read in lastReads)
        {
            if (read.ReservationState != "Active" && !released.Contains(read.ReservationId!))
            {
                yield return $"lost acknowledged reservation: {read}, and no release of it was acknowledged or left unknown";
            }
        }
    }

    /// <summary>Operations carrying a version that show less than one that completed before they began.</summary>
    private static IEnumerable<string> OlderThanBefore(List<HistoryOp> versioned, string what)
    {
        var byComplete = versioned.OrderBy(o => o.Complete).ToList();
        var next = 0;
        HistoryOp? newest = null;
        foreach (var op in versioned.OrderBy(o => o.Invoke))
        {
            while (next < byComplete.Count && byComplete[next].Complete < op.Invoke)
            {
                if (newest is null || byComplete[next].Version > newest.Version)
                {
                    newest = byComplete[next];
                }

                next++;
            }

            if (newest is not null && op.Version < newest.Version)
            {
                yield return $"{what}: {op} began after {newest} completed";
            }
        }
    }
}
