using System.Text;

namespace RegionGrains.Gateway.Tests.Hostile;

/// <summary>One generated request, and what the test must check about the state it could have changed.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path and query, already escaped.</param>
/// <param name="Body">Raw body bytes, or null for none.</param>
/// <param name="ContentType">Content-Type header as sent, or null.</param>
/// <param name="Headers">Other headers.</param>
/// <param name="ChangesOwnRegion">Whether it may change the worker's own region (so a refusal must leave its version alone).</param>
/// <param name="OtherRegionId">A region id other than the worker's that it would create or change, which a refusal must leave nonexistent.</param>
public sealed record HostileRequest(
    HttpMethod Method,
    string Path,
    byte[]? Body,
    string? ContentType,
    IReadOnlyList<(string Name, string Value)> Headers,
    bool ChangesOwnRegion,
    string? OtherRegionId)
{
    /// <summary>
    /// For a probe: the status it must get, and the field a 400 must name in <c>errors</c> (null when any answer
    /// below 400 is right). Ordinary generated requests leave it null: any refusal in the API's words will do.
    /// </summary>
    public (int Status, string? Field)? Expected { get; init; }

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Path);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    public override string ToString() =>
        $"{Method} {Path} [{ContentType}] {string.Join(" ", Headers.Select(h => $"{h.Name}: {h.Value}"))} {(Body is null ? string.Empty : Encoding.UTF8.GetString(Body[..Math.Min(Body.Length, 300)]))}";
}
