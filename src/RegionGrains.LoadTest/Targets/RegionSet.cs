using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.LoadTest.Targets;

/// <summary>
/// A reservation the system acknowledged during the run, to be found again afterwards: the region's index, the
/// sequence number its id was made from (<see cref="RegionSet.ReservationIdOf"/>) and the amount, of
/// <see cref="RegionSet.ReserveResource"/>. A value of 16 bytes, because a long run keeps millions of them: as a
/// record holding its id string each took about ten times that, and the growing heap cost the measured run
/// garbage-collection time that was charged to the reservations.
/// </summary>
public readonly record struct AcknowledgedReservation(int Key, int Amount, long Sequence);

/// <summary>
/// A reservation of both pools (<see cref="RegionSet.ReserveResource"/> and <see cref="RegionSet.CapacityResource"/>)
/// the system acknowledged during the run, tagged with <see cref="RegionSet.Project"/>: the region's index, the amounts
/// and the sequence number its id was made from.
/// </summary>
public readonly record struct AcknowledgedPair(int Key, int Racks, int PowerKw, long Sequence);

/// <summary>
/// The regions one run creates and loads: ids unique to the run (so runs against a long-lived cluster never
/// collide), their lifecycle toggles, the reservations acknowledged on them, and the run's consumers and project.
/// </summary>
public sealed class RegionSet
{
    /// <summary>Pools every load-test region starts with: large enough that reservations are never refused for lack of room.</summary>
    public const long InitialTotal = 1_000_000_000;

    public const string ReserveResource = "racks";
    public const string CapacityResource = "power_kw";

    private static readonly Geography[] Geographies = Enum.GetValues<Geography>();

    /// <summary>Consumers a run has unless told otherwise: enough that 64 callers seldom wait for the same one.</summary>
    public const int DefaultConsumers = 1_000;

    private readonly int[] _statusToggles;
    private readonly byte[] _holdsOfProject;
    private long _reservationSequence;

    public RegionSet(int count, string? runTag = null, int consumers = DefaultConsumers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        RunTag = runTag ?? NewRunTag();
        Ids = [.. Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"lt-{RunTag}-{i}"))];
        _statusToggles = new int[count];
        _holdsOfProject = new byte[count];
        Consumers = new ConsumerPool(RunTag, consumers);
    }

    /// <summary>Eight lowercase letters and digits naming the run.</summary>
    public string RunTag { get; }

    public ImmutableArray<string> Ids { get; }

    public int Count => Ids.Length;

    public ConcurrentQueue<AcknowledgedReservation> Acknowledged { get; } = new();

    /// <summary>The refusal a <c>release</c> counts when the run holds no reservation to release.</summary>
    public const string NothingHeld = "NothingHeld";

    /// <summary>
    /// Takes the oldest acknowledged reservation of <see cref="Acknowledged"/> to release it: once taken it is no longer
    /// expected to be held. A release that is refused gives it back (<see cref="ReturnUnreleased"/>), so that the check
    /// after the run still looks for it; one whose outcome is unknown (a fault) is not given back.
    /// </summary>
    public bool TryTakeForRelease(out AcknowledgedReservation reservation) => Acknowledged.TryDequeue(out reservation);

    /// <summary>Gives back a reservation whose release was refused: it is still expected to be held.</summary>
    public void ReturnUnreleased(AcknowledgedReservation reservation) => Acknowledged.Enqueue(reservation);

    /// <summary>Reservations of both pools acknowledged during the run (<c>reserve2</c>).</summary>
    public ConcurrentQueue<AcknowledgedPair> AcknowledgedPairs { get; } = new();

    /// <summary>The project the run's two-pool reservations and claims name: <c>lt-{run}</c>.</summary>
    public string Project => "lt-" + RunTag;

    /// <summary>The run's consumers and what their claims were answered.</summary>
    public ConsumerPool Consumers { get; }

    /// <summary>Whether the run asked for anything naming <see cref="Project"/> (a two-pool reservation or a claim).</summary>
    public bool UsedProject { get; private set; }

    /// <summary>
    /// Notes that region <paramref name="key"/> was asked to hold something for the project, before the request is
    /// sent: only such regions can hold the project's reservations and claims, so the checks after the run read their
    /// reservations and no others.
    /// </summary>
    public void MarkProjectHold(int key)
    {
        UsedProject = true;
        Volatile.Write(ref _holdsOfProject[key], 1);
    }

    /// <summary>The regions <see cref="MarkProjectHold"/> named, by index.</summary>
    public IEnumerable<int> ProjectHoldKeys() => Enumerable.Range(0, Count).Where(i => Volatile.Read(ref _holdsOfProject[i]) != 0);

    public static ImmutableDictionary<string, long> InitialCapacity { get; } =
        ImmutableDictionary<string, long>.Empty.Add(ReserveResource, InitialTotal).Add(CapacityResource, InitialTotal);

    public static RegionDefinition DefinitionOf(int index) => new(
        string.Create(CultureInfo.InvariantCulture, $"Load test region {index}"),
        "ZZ",
        Geographies[index % Geographies.Length],
        Latitude: (index % 180) - 90,
        Longitude: (index % 360) - 180);

    /// <summary>A new reservation id unique to the run, with the sequence number it is made from.</summary>
    public (long Sequence, string Id) NextReservation()
    {
        var sequence = Interlocked.Increment(ref _reservationSequence);
        return (sequence, ReservationIdOf(sequence));
    }

    /// <summary>The reservation id made from <paramref name="sequence"/>.</summary>
    public string ReservationIdOf(long sequence) => string.Create(CultureInfo.InvariantCulture, $"{RunTag}-{sequence}");

    /// <summary>Alternates each region between Degraded and Online (both accept reservations).</summary>
    public RegionStatus NextStatus(int key) =>
        Interlocked.Increment(ref _statusToggles[key]) % 2 == 1 ? RegionStatus.Degraded : RegionStatus.Online;

    /// <summary>A tag unique to a run, for the ids it creates.</summary>
    public static string NewRunTag()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(8, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[Random.Shared.Next(alphabet.Length)];
            }
        });
    }
}
