namespace RegionGrains.Grains;

/// <summary>
/// The grains read time from a keyed <see cref="TimeProvider"/> rather than the unkeyed one, which Orleans
/// itself uses: tests can then move the grains' clock (reservation lifetimes) without moving the runtime's.
/// </summary>
public static class GrainClock
{
    /// <summary>Service key of the grains' clock.</summary>
    public const string Key = "RegionGrains.Clock";
}
