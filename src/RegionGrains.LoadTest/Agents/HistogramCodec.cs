using HdrHistogram;
using HdrHistogram.Encoding;
using HdrHistogram.Utilities;

namespace RegionGrains.LoadTest.Agents;

/// <summary>
/// A histogram on the wire: HdrHistogram's own V2 encoding (the format every HdrHistogram port reads: a header, then the
/// counts run-length and ZigZag-LEB128 encoded), in base64. An agent sends its histograms so, and the coordinator adds
/// the decoded ones together: the sum of histograms of one range and precision is the histogram of all their values,
/// exactly, which no average of percentiles is.
/// </summary>
/// <remarks>
/// Not the compressed variant (the same bytes deflated, as HdrHistogram's logs hold them): HdrHistogram.NET 2.5.0 reads
/// its deflated payload with a single stream read, and since .NET 6 a DeflateStream read may return less than asked, so
/// it refuses any histogram whose payload does not come out in one read ("The buffer does not contain the indicated
/// payload amount"); a real run's histogram of 200,000 calls did not.
/// </remarks>
public static class HistogramCodec
{
    public static string Encode(HistogramBase histogram)
    {
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = histogram.Encode(buffer, HistogramEncoderV2.Instance);
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
            var histogram = HistogramEncoding.DecodeFromByteBuffer(ByteBuffer.Allocate(Convert.FromBase64String(encoded)), 0, null);
            // Added into a histogram of the recorder's range, so the merged one keeps its range and precision.
            var sameRange = LatencyRecorder.NewHistogram();
            sameRange.Add(histogram);
            return sameRange;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException or NotSupportedException or IOException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"{what} is not an encoded HdrHistogram: {exception.Message}", exception);
        }
    }
}
