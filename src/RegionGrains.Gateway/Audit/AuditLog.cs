using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Security;

namespace RegionGrains.Gateway.Audit;

/// <summary>
/// One log line per accepted change, naming the caller. At Information when authentication is on (callers have
/// names worth auditing); at Debug without it, where every caller is anonymous and a line per reservation would only
/// cost throughput.
/// </summary>
public sealed partial class AuditLog(ILogger<AuditLog> logger, GatewaySecurity security)
{
    private readonly LogLevel _level = security.AuthenticationEnabled ? LogLevel.Information : LogLevel.Debug;

    /// <summary>Logs an accepted change.</summary>
    public void Defined(HttpContext context, string regionId, long version) =>
        LogDefined(_level, GatewayAccess.ActorOf(context.User), regionId, version);

    /// <summary>Logs what a bulk definition did, after the line of each region it created or changed.</summary>
    public void BatchDefined(HttpContext context, int created, int updated, int unchanged, int failed) =>
        LogBatchDefined(_level, GatewayAccess.ActorOf(context.User), created, updated, unchanged, failed);

    /// <summary>Logs an accepted change.</summary>
    public void StatusChanged(HttpContext context, string regionId, RegionStatus status, string reason) =>
        LogStatusChanged(_level, GatewayAccess.ActorOf(context.User), regionId, status, reason);

    /// <summary>Logs an accepted change.</summary>
    public void CapacitySet(HttpContext context, string regionId, string resource, long total) =>
        LogCapacitySet(_level, GatewayAccess.ActorOf(context.User), regionId, resource, total);

    /// <summary>Logs an accepted change.</summary>
    public void Reserved(HttpContext context, string regionId, string reservationId, IReadOnlyDictionary<string, long> holds) =>
        LogReserved(_level, GatewayAccess.ActorOf(context.User), regionId, reservationId, ReservationRequest.Describe(holds));

    /// <summary>Logs a claim that took effect.</summary>
    public void Claimed(HttpContext context, string consumer, string claimId, long version) =>
        LogClaimed(_level, GatewayAccess.ActorOf(context.User), consumer, claimId, version);

    /// <summary>Logs a move that took effect.</summary>
    public void Moved(HttpContext context, string consumer, string reservationId, string from, string to) =>
        LogMoved(_level, GatewayAccess.ActorOf(context.User), consumer, reservationId, from, to);

    /// <summary>Logs an accepted change.</summary>
    public void Released(HttpContext context, string regionId, string reservationId) =>
        LogReleased(_level, GatewayAccess.ActorOf(context.User), regionId, reservationId);

    /// <summary>Logs an accepted change.</summary>
    public void ReservationChanged(HttpContext context, string regionId, Reservation reservation) =>
        LogReservationChanged(_level, GatewayAccess.ActorOf(context.User), regionId, reservation.ReservationId, ReservationRequest.Describe(reservation.Holds), reservation.ExpiresAt);

    /// <summary>Logs an accepted change.</summary>
    public void Scheduled(HttpContext context, string regionId, ScheduledChange change) =>
        LogScheduled(_level, GatewayAccess.ActorOf(context.User), regionId, change.ChangeId, change.Describe(), change.At);

    /// <summary>Logs an accepted change.</summary>
    public void ScheduleCancelled(HttpContext context, string regionId, string changeId) =>
        LogScheduleCancelled(_level, GatewayAccess.ActorOf(context.User), regionId, changeId);

    [LoggerMessage(Message = "{Actor} scheduled {ChangeId} in {RegionId} ({Change}) at {At}")]
    private partial void LogScheduled(LogLevel level, string actor, string regionId, string changeId, string change, DateTimeOffset at);

    [LoggerMessage(Message = "{Actor} cancelled scheduled change {ChangeId} in {RegionId}")]
    private partial void LogScheduleCancelled(LogLevel level, string actor, string regionId, string changeId);

    [LoggerMessage(Message = "{Actor} defined {RegionId} (version {Version})")]
    private partial void LogDefined(LogLevel level, string actor, string regionId, long version);

    [LoggerMessage(Message = "{Actor} defined regions in bulk: {Created} created, {Updated} updated, {Unchanged} unchanged, {Failed} failed")]
    private partial void LogBatchDefined(LogLevel level, string actor, int created, int updated, int unchanged, int failed);

    [LoggerMessage(Message = "{Actor} moved {RegionId} to {Status}: {Reason}")]
    private partial void LogStatusChanged(LogLevel level, string actor, string regionId, RegionStatus status, string reason);

    [LoggerMessage(Message = "{Actor} set {RegionId} {Resource} total to {Total}")]
    private partial void LogCapacitySet(LogLevel level, string actor, string regionId, string resource, long total);

    [LoggerMessage(Message = "{Actor} reserved {Holds} in {RegionId} as {ReservationId}")]
    private partial void LogReserved(LogLevel level, string actor, string regionId, string reservationId, string holds);

    [LoggerMessage(Message = "{Actor} set the claims of {Consumer} as {ClaimId} (version {Version})")]
    private partial void LogClaimed(LogLevel level, string actor, string consumer, string claimId, long version);

    [LoggerMessage(Message = "{Actor} moved {Consumer}'s {ReservationId} from {From} to {To}")]
    private partial void LogMoved(LogLevel level, string actor, string consumer, string reservationId, string from, string to);

    [LoggerMessage(Message = "{Actor} released {ReservationId} in {RegionId}")]
    private partial void LogReleased(LogLevel level, string actor, string regionId, string reservationId);

    [LoggerMessage(Message = "{Actor} changed {ReservationId} in {RegionId} to {Holds} until {EndsAt}")]
    private partial void LogReservationChanged(LogLevel level, string actor, string regionId, string reservationId, string holds, DateTimeOffset? endsAt);
}
