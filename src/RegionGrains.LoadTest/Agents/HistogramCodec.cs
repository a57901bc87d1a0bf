using HdrHistogram;
using HdrHistogram.Utilities;
using RegionGrains.LoadTest.Workload;

namespace RegionGrains.LoadTest.Agents;

/// <summary>
/// A histogram on the wire: HdrHistogram's own compressed encoding (the V2 format every HdrHistogram port reads, the
/// one its log files hold), in base64. An agent sends its histograms so, and the coordinator adds the decoded ones
/// together: the sum of histograms of one range and precision is the histogram of all their values, exactly, which no
/// average of percentiles is.
/// </summary>
public static class HistogramCodec
{
    public static string Encode(HistogramBase histogram)
    {
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = histogram.EncodeIntoCompressedByteBuffer(buffer);
        buffer.Position = 0;
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = buffer.Get();
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>Decodes one histogram; a malformed one is an <see cref="InvalidDataException"/> naming what it was.</summary>
    public static HistogramBase Decode(string encoded, string what)
    {
        try
        {
            var histogram = HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(Convert.FromBase64String(encoded)), 0);
            // Added into a histogram of the recorder's range, so the merged one keeps its range and precision.
            var sameRange = LatencyRecorder.NewHistogram();
            sameRange.Add(histogram);
            return sameRange;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException or IOException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"{what} is not an encoded HdrHistogram: {exception.Message}", exception);
        }
    }
}
