using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RegionGrains.LoadTest.Events;

/// <summary>
/// The Standard Webhooks signature as a receiver checks it, written from the specification rather than taken from the
/// gateway, so a run notices when the gateway signs differently from what receivers expect.
/// </summary>
public static class StandardWebhookSignature
{
    /// <summary>True when one of the space-separated <c>v1,</c> entries of <paramref name="header"/> is the HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>.</summary>
    public static bool Verifies(byte[] key, string id, long timestamp, byte[] body, string header)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}.{timestamp}.")));
        hmac.AppendData(body);
        var expected = Encoding.ASCII.GetBytes("v1," + Convert.ToBase64String(hmac.GetHashAndReset()));
        return header.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(entry => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(entry), expected));
    }
}
