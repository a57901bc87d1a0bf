namespace RegionGrains.LoadTest.Soak;

/// <summary>One interval of a soak: what completed in it, and the process and its data files at its end.</summary>
/// <param name="Second">Seconds since the soak's load started, at the end of the interval.</param>
/// <param name="Seconds">The wall time the interval covers.</param>
/// <param name="Operations">Operations completed in it.</param>
/// <param name="OperationsPerSecond">Its throughput.</param>
/// <param name="P50Ms">Median latency of its operations; null when none completed.</param>
/// <param name="P99Ms">99th percentile latency of its operations; null when none completed.</param>
/// <param name="Gen2Collections">Generation 2 collections in it (background or blocking).</param>
/// <param name="HeapAfterGen2Bytes">
/// The managed heap's size after the latest gen-2 collection in the interval; null when none happened in it (nothing
/// is forced, so the figure is never the carried-over size of an older collection).
/// </param>
/// <param name="LiveAfterGen2Bytes">
/// The bytes that collection found live (<see cref="GCMemoryInfo.PromotedBytes"/>: a gen-2 collection collects every
/// generation, so what it keeps is what is reachable). The heap's size also holds free space and, after a background
/// collection, what was allocated while it ran, which moves it by the allocation budget from one collection to the next.
/// </param>
/// <param name="HeapBytes">The managed heap's size after the latest collection of any generation, at the end of the interval.</param>
/// <param name="OpenHandles">Open file descriptors of the process (<c>/proc/self/fd</c>); null where that is not available.</param>
/// <param name="DataBytes">Size of every file in the silo's data directory: the SQLite database and its -wal and -shm.</param>
/// <param name="WalBytes">Size of the -wal files among them.</param>
public sealed record SoakSample(
    double Second,
    double Seconds,
    long Operations,
    double OperationsPerSecond,
    double? P50Ms,
    double? P99Ms,
    int Gen2Collections,
    long? HeapAfterGen2Bytes,
    long? LiveAfterGen2Bytes,
    long HeapBytes,
    int? OpenHandles,
    long DataBytes,
    long WalBytes);
