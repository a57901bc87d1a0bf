namespace RegionGrains.HistoryChecking.History;

/// <summary>
/// One operation of a history: who called, when (microseconds on the recorder's monotonic clock), what, and what came
/// back. <see cref="Complete"/> is null for an <see cref="Outcome.Unknown"/> operation, which may take effect at any
/// time after <see cref="Invoke"/>, or never.
/// </summary>
public sealed record HistoryOp
{
    public required long Id { get; init; }

    public required string Client { get; init; }

    public string? Gateway { get; init; }

    public required string Region { get; init; }

    public required OpKind Kind { get; init; }

    public string? ReservationId { get; init; }

    /// <summary>Reserve: the amount asked for.</summary>
    public long? Amount { get; init; }

    /// <summary>SetCapacity: the total asked for.</summary>
    public long? Total { get; init; }

    /// <summary>SetStatus: the status asked for.</summary>
    public string? Target { get; init; }

    public required long Invoke { get; init; }

    public long? Complete { get; init; }

    public required Outcome Outcome { get; init; }

    public int? HttpStatus { get; init; }

    /// <summary>The problem type of a refusal, without the <c>urn:regiongrains:problem:</c> prefix.</summary>
    public string? Problem { get; init; }

    /// <summary>Reserve: true for 201 (made now), false for 200 (a replay of one already held).</summary>
    public bool? Created { get; init; }

    /// <summary>ReadRegion, and SetCapacity/SetStatus answered with the region: its version.</summary>
    public long? Version { get; init; }

    /// <summary>ReadRegion: the region's status.</summary>
    public string? Status { get; init; }

    /// <summary>ReadRegion: the pool's total.</summary>
    public long? ReadTotal { get; init; }

    /// <summary>ReadRegion: the pool's reserved.</summary>
    public long? ReadReserved { get; init; }

    /// <summary>ReadReservation: its state (Active, Released, ...) or NotFound; with <see cref="Amount"/> when found.</summary>
    public string? ReservationState { get; init; }

    /// <summary>Whether the operation changes the region when it takes effect.</summary>
    public bool IsWrite => Kind is OpKind.Reserve or OpKind.Release or OpKind.SetCapacity or OpKind.SetStatus;

    public override string ToString() =>
        $"#{Id} {Client} {Kind} {Region}" +
        (ReservationId is null ? string.Empty : $" id={ReservationId}") +
        (Amount is null ? string.Empty : $" amount={Amount}") +
        (Total is null ? string.Empty : $" total={Total}") +
        (Target is null ? string.Empty : $" to={Target}") +
        $" [{Invoke}..{(Complete is null ? "?" : Complete.ToString())}] {Outcome}" +
        (HttpStatus is null ? string.Empty : $" {HttpStatus}") +
        (Problem is null ? string.Empty : $" {Problem}") +
        (Created is null ? string.Empty : Created.Value ? " created" : " replayed") +
        (Version is null ? string.Empty : $" v{Version}") +
        (Status is null ? string.Empty : $" {Status}") +
        (ReadTotal is null ? string.Empty : $" total={ReadTotal} reserved={ReadReserved}") +
        (ReservationState is null ? string.Empty : $" {ReservationState}");
}
