namespace RegionGrains.HistoryChecking.History;

/// <summary>How an operation ended, as its client saw it.</summary>
public enum Outcome
{
    /// <summary>A 2xx answer (for a read of a reservation, also its 404: "there is none" is an answer).</summary>
    Ok,

    /// <summary>A definite refusal: a 4xx problem+json. The operation changed nothing.</summary>
    Fail,

    /// <summary>A timeout, a connection error or a 5xx (503 included): it may or may not have taken effect.</summary>
    Unknown,
}
