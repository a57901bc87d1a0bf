namespace RegionGrains.HistoryChecking.History;

/// <summary>What a recorded operation did to (or read from) one region.</summary>
public enum OpKind
{
    Reserve,
    Release,
    SetCapacity,
    SetStatus,
    ReadRegion,
    ReadReservation,
}
