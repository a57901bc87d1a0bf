namespace RegionGrains.Journal;

/// <summary>The whole state of a stream at one version.</summary>
/// <param name="Version">The version the state is at.</param>
/// <param name="Payload">The encoded state.</param>
/// <param name="IsLegacy">
/// True when the payload is a whole-state row written by the storage this journal replaced, found because the
/// stream itself was empty; the reader converts it and starts the stream with <see cref="IJournalStorage.InitializeAsync"/>.
/// Its <paramref name="Version"/> is then 0 (unknown until decoded).
/// </param>
public sealed record JournalSnapshot(long Version, byte[] Payload, bool IsLegacy = false);
