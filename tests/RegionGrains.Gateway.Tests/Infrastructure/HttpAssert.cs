using System.Net;
using System.Text.Json.Nodes;

namespace RegionGrains.Gateway.Tests.Infrastructure;

/// <summary>Assertions on responses that read and check the body, not only the status.</summary>
public static class HttpAssert
{
    public static async Task<JsonNode> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!;
    }

    /// <summary>Checks an RFC 9457 problem body and returns it.</summary>
    public static async Task<JsonNode> Problem(HttpResponseMessage response, HttpStatusCode expected, string type)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal($"urn:regiongrains:problem:{type}", (string?)problem["type"]);
        Assert.Equal((int)expected, (int?)problem["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return problem;
    }

    public static string[] ErrorFields(JsonNode problem) =>
        [.. problem["errors"]!.AsObject().Select(p => p.Key).Order()];

    /// <summary>The target of the response's <c>Link: &lt;…&gt;; rel="next"</c> header, or null when it has none.</summary>
    public static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        var link = Assert.Single(values);
        Assert.EndsWith(">; rel=\"next\"", link, StringComparison.Ordinal);
        return link[1..link.IndexOf('>', StringComparison.Ordinal)];
    }
}
