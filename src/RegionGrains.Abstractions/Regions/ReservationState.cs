namespace RegionGrains.Abstractions.Regions;

/// <summary>
/// Where a reservation is in its life. <see cref="Scheduled"/> holds nothing yet; <see cref="Active"/> holds its amounts
/// now; the last three are the ways it ends (together, "Ended").
/// </summary>
/// <remarks>Active is 0 so that reservations stored before reservations had a start read as active.</remarks>
public enum ReservationState
{
    /// <summary>Holding its amounts now.</summary>
    Active = 0,

    /// <summary>Booked for a later start: it counts against the pool from then on, and holds nothing before.</summary>
    Scheduled = 1,

    /// <summary>Released by a caller while active.</summary>
    Released = 2,

    /// <summary>Reached its end (<c>endsAt</c> or its lifetime).</summary>
    Expired = 3,

    /// <summary>Released before it started.</summary>
    Cancelled = 4,
}

/// <summary>Helpers over <see cref="ReservationState"/>.</summary>
public static class ReservationStates
{
    /// <summary>Whether a reservation in <paramref name="state"/> has ended.</summary>
    public static bool IsEnded(this ReservationState state) => state is ReservationState.Released or ReservationState.Expired or ReservationState.Cancelled;
}
