namespace RegionGrains.Journal;

/// <summary>One appended change: its version in the stream and its encoded payload.</summary>
/// <param name="Version">Position in the stream, from 1.</param>
/// <param name="Payload">The encoded change; the storage never looks inside.</param>
public sealed record JournalRecord(long Version, byte[] Payload);
