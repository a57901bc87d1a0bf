namespace RegionGrains.Abstractions;

/// <summary>
/// Marks a grain method that a client may send again after a failure that leaves unknown whether it ran: running it
/// twice has the effect of running it once (a read, or a command keyed by an idempotency key whose replay answers the
/// original). The cluster client's retry filter resends only such calls when a silo went away with the call in flight.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class IdempotentAttribute : Attribute;
