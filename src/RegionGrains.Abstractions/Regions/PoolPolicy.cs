namespace RegionGrains.Abstractions.Regions;

/// <summary>
/// How a pool may be allocated: how much of its total is kept back, by how much it may be overcommitted, and the
/// units an allocation comes in (the inventory fields of OpenStack Placement). usable = floor((total − heldBack) ×
/// overcommit); a reservation's amount lies in [<see cref="MinUnit"/>, <see cref="MaxUnit"/>] and is a multiple of
/// <see cref="StepSize"/>.
/// </summary>
/// <param name="HeldBack">Amount of the total never allocated (kept for failover or operations), 0 or more.</param>
/// <param name="Overcommit">Allocation ratio, from 1.0 to 16.</param>
/// <param name="MinUnit">Smallest amount one reservation may hold of this pool, 1 or more.</param>
/// <param name="MaxUnit">Largest amount one reservation may hold of this pool; null for no limit.</param>
/// <param name="StepSize">Every amount is a multiple of this, 1 or more.</param>
[GenerateSerializer, Immutable, Alias("RegionGrains.PoolPolicy")]
public sealed record PoolPolicy(
    [property: Id(0)] long HeldBack = 0,
    [property: Id(1)] decimal Overcommit = 1.0m,
    [property: Id(2)] long MinUnit = 1,
    [property: Id(3)] long? MaxUnit = null,
    [property: Id(4)] long StepSize = 1)
{
    /// <summary>The policy of a pool that states none: everything usable, no overcommit, any whole amount.</summary>
    public static PoolPolicy Default { get; } = new();

    /// <summary>Whether this is the default policy (an unset policy and an explicit default one are the same thing).</summary>
    public bool IsDefault => this == Default;

    /// <summary>What can be allocated of <paramref name="total"/> under this policy: floor((total − heldBack) × overcommit), at least 0.</summary>
    public long Usable(long total) => total <= HeldBack ? 0 : (long)decimal.Floor((total - HeldBack) * Overcommit);

    /// <summary>The unit rule <paramref name="amount"/> breaks, in the API's words; null when it keeps them all.</summary>
    public string? UnitProblem(string resource, long amount) => amount switch
    {
        _ when amount < MinUnit => $"{resource} is allocated in amounts of at least {MinUnit} (minUnit); {amount} requested.",
        _ when MaxUnit is { } max && amount > max => $"{resource} is allocated in amounts of at most {max} (maxUnit); {amount} requested.",
        _ when amount % StepSize != 0 => $"{resource} is allocated in steps of {StepSize} (stepSize); {amount} requested.",
        _ => null,
    };
}
