namespace RegionGrains.Grains.Regions;

/// <summary>
/// A pool's load over time, as pure functions. A hold counts over the half-open interval [start, end): at its end
/// instant it no longer counts, so a hold may start exactly when another ends. From now on the load is the pool's
/// reserved amount (active holds and prepared extras) plus scheduled holds from their start, less every hold from its
/// end; it only changes at those instants, so checking them is checking every instant.
/// </summary>
internal static class PoolTimeline
{
    /// <summary>What a check over an interval found.</summary>
    /// <param name="At">The first instant at which the amount does not fit; null when it fits throughout.</param>
    /// <param name="Available">The least the pool has available at any instant of the interval (before the amount).</param>
    public readonly record struct Fit(DateTimeOffset? At, long Available)
    {
        public bool Fits => At is null;
    }

    /// <summary>
    /// Whether <paramref name="amount"/> more of <paramref name="resource"/> fits within <paramref name="limit"/> at every
    /// instant of [<paramref name="from"/>, <paramref name="to"/>) (no end: from then on), leaving out the hold of
    /// <paramref name="excluding"/> (the reservation being changed). <paramref name="from"/> is not before
    /// <paramref name="now"/>.
    /// </summary>
    public static Fit Check(
        RegionState state, string resource, DateTimeOffset now, DateTimeOffset from, DateTimeOffset? to, long amount, long limit, string? excluding = null)
    {
        var pool = state.Capacity.GetValueOrDefault(resource);
        var reserved = pool?.Reserved ?? 0;

        // The common case: nothing is booked ahead and the interval starts now, so the load can only fall from here on
        // and the present is the peak. No reservation is visited.
        if (state.Scheduled.IsEmpty && from <= now && excluding is null)
        {
            var available = limit - reserved;
            return new Fit(amount > available ? from : null, available);
        }

        var deltas = new List<(DateTimeOffset Time, long Delta)>();
        foreach (var held in state.Reservations.Values)
        {
            if (!held.Holds.TryGetValue(resource, out var amountHeld))
            {
                continue;
            }

            if (held.ReservationId == excluding)
            {
                reserved -= amountHeld;
            }
            else if (held.ExpiresAt is { } end)
            {
                deltas.Add((end, -amountHeld));
            }
        }

        foreach (var booked in state.Scheduled.Values)
        {
            if (booked.ReservationId == excluding || !booked.Holds.TryGetValue(resource, out var amountBooked))
            {
                continue;
            }

            deltas.Add((booked.HoldsFrom, amountBooked));
            if (booked.ExpiresAt is { } end)
            {
                deltas.Add((end, -amountBooked));
            }
        }

        deltas.Sort(static (a, b) => a.Time.CompareTo(b.Time));
        var load = reserved;
        var i = 0;
        for (; i < deltas.Count && deltas[i].Time <= from; i++)
        {
            load += deltas[i].Delta;
        }

        var peak = load;
        DateTimeOffset? at = load + amount > limit ? from : null;
        while (i < deltas.Count && (to is null || deltas[i].Time < to))
        {
            var instant = deltas[i].Time;
            for (; i < deltas.Count && deltas[i].Time == instant; i++)
            {
                load += deltas[i].Delta;
            }

            peak = Math.Max(peak, load);
            if (at is null && load + amount > limit)
            {
                at = instant;
            }
        }

        return new Fit(at, limit - peak);
    }
}
