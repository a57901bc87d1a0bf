using System.Diagnostics;
using RegionGrains.Abstractions;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Grains.Footprint;

namespace RegionGrains.Grains.Telemetry;

/// <summary>
/// The <c>RegionGrains</c> activity source and the spans of the domain operations. Starting a span costs
/// nothing beyond a check when nobody listens or the trace is not sampled: every method then returns null.
/// </summary>
public static class DomainActivities
{
    /// <summary>Most footprint pushes a partition links to; the rest of a large batch goes unlinked.</summary>
    internal const int MaxPushLinks = 32;

    /// <summary>The source every RegionGrains span comes from.</summary>
    public static readonly ActivitySource Source = new(TelemetryNames.ActivitySource, typeof(DomainActivities).Assembly.GetName().Version?.ToString());

    /// <summary>Span names, one per domain operation.</summary>
    public static class Names
    {
        public const string Define = "region.define";
        public const string Seed = "region.seed";
        public const string ChangeStatus = "region.change_status";
        public const string SetCapacity = "region.set_capacity";
        public const string Reserve = "region.reserve";
        public const string Release = "region.release";
        public const string ChangeReservation = "region.change_reservation";
        public const string Expire = "region.expire";
        public const string Schedule = "region.schedule";
        public const string CancelScheduled = "region.cancel_scheduled";
        public const string Prepare = "region.prepare";
        public const string Complete = "region.complete";
        public const string Claim = "consumer.claim";
        public const string Move = "consumer.move";
        public const string FootprintPublish = "footprint.publish";
        public const string FootprintPush = "footprint.push";
        public const string FootprintApply = "footprint.apply";
    }

    internal static Activity? StartConsumer(string name, IAddressable consumer)
    {
        var activity = Source.StartActivity(name);
        activity?.SetTag(TelemetryTags.Consumer, consumer.GetPrimaryKeyString());
        return activity;
    }

    internal static Activity? StartRegion(string name, IAddressable region)
    {
        var activity = Source.StartActivity(name);
        activity?.SetTag(TelemetryTags.RegionId, region.GetPrimaryKeyString());
        return activity;
    }

    internal static Activity? StartReserve(IAddressable region, ReservationRequest request)
    {
        var activity = StartRegion(Names.Reserve, region);
        activity?.SetTag(TelemetryTags.Resource, request.Resource)
            .SetTag(TelemetryTags.Amount, request.Amount)
            .SetTag(TelemetryTags.ReservationId, request.ReservationId);
        return activity;
    }

    /// <summary>Marks the domain outcome; refusals are expected outcomes, so the span status stays unset.</summary>
    internal static void SetOutcome(this Activity? activity, RegionOutcome outcome) =>
        activity?.SetTag(TelemetryTags.Outcome, TelemetryValues.Of(outcome));

    /// <summary>Marks a fault: the operation threw and its caller gets the exception.</summary>
    internal static void SetFault(this Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.AddException(exception);
    }

    /// <summary>
    /// The silo's outbox pushing region snapshots to one partition. The push serves the changes of many regions at
    /// once: it continues the trace of the first of them, although that change's caller has had its reply already,
    /// and links the others.
    /// </summary>
    internal static Activity? StartPublish(int partition, IReadOnlyList<RegionPush> pushes, List<ActivityContext> changes)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var parent = changes.Count > 0 ? changes[0] : default;
        var links = changes.Count > 1 ? changes.Skip(1).Select(c => new ActivityLink(c)) : null;
        var activity = Source.StartActivity(Names.FootprintPublish, ActivityKind.Internal, parent, links: links);
        activity?.SetTag(TelemetryTags.Partition, partition).SetTag(TelemetryTags.ChangedRegions, pushes.Count);
        if (pushes.Count == 1)
        {
            activity?.SetTag(TelemetryTags.RegionId, pushes[0].Snapshot.Id).SetTag(TelemetryTags.Version, pushes[0].Snapshot.Version);
        }

        return activity;
    }

    /// <summary>The trace context of the current call, if it is recorded, for a later push to continue.</summary>
    internal static void Remember(List<ActivityContext> changes)
    {
        if (Activity.Current is { Recorded: true } current && changes.Count < MaxPushLinks)
        {
            changes.Add(current.Context);
        }
    }

    /// <summary>
    /// A partition pushing its sums to the coordinator. The push serves many changes at once: it continues the
    /// trace of the first of them (so that one request's trace shows the coordinator update) and links the others.
    /// </summary>
    internal static Activity? StartPush(int partition, int changedRegions, List<ActivityContext> changes)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var parent = changes.Count > 0 ? changes[0] : default;
        var links = changes.Count > 1 ? changes.Skip(1).Select(c => new ActivityLink(c)) : null;
        var activity = Source.StartActivity(Names.FootprintPush, ActivityKind.Internal, parent, links: links);
        activity?.SetTag(TelemetryTags.Partition, partition).SetTag(TelemetryTags.ChangedRegions, changedRegions);
        return activity;
    }

    internal static Activity? StartApply(PartitionAggregate aggregate, DateTimeOffset now)
    {
        var activity = Source.StartActivity(Names.FootprintApply);
        if (activity is not null)
        {
            activity.SetTag(TelemetryTags.Partition, aggregate.Partition).SetTag(TelemetryTags.ChangedRegions, aggregate.Changed.Length);
            if (aggregate.OldestChangeAt is { } oldest)
            {
                activity.SetTag(TelemetryTags.StalenessMs, Math.Max(0, (now - oldest).TotalMilliseconds));
            }
        }

        return activity;
    }
}
