namespace RegionGrains.Journal;

/// <summary>The whole state of a stream at one version.</summary>
/// <param name="Version">The version the state is at.</param>
/// <param name="Payload">The encoded state.</param>
public sealed record JournalSnapshot(long Version, byte[] Payload);
