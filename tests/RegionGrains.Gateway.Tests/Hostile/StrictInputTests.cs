using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests.Hostile;

/// <summary>
/// Generated probes of strict reading, each valid but for one value and knowing its answer: a number in a query
/// with anything after it (a NUL included), an If-Match or If-None-Match off RFC 9110's grammar, a language code of
/// the right shape that names no language, a reason, display name or support hours made only of invisible
/// characters. Each bad one is a 400 naming its field and changes nothing; each valid counterpart is taken.
/// The seed is printed on failure; set HOSTILE_SEED to replay it.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class StrictInputTests(SharedGateway gateway)
{
    private const int Probes = 1_500;

    [Fact]
    public async Task EveryProbeOfStrictReadingGetsItsOwnAnswer()
    {
        var seed = HostileValues.SeedFromEnvironment();
        using var client = gateway.CreateClient();
        var own = $"sx{Guid.NewGuid().ToString("N")[..8]}";
        await Api.CreateOnlineRegionAtAsync(client, own);
        var version = await VersionAsync(client, own);
        var generator = new HostileRequestGenerator(new HostileValues(new Random(seed)), own);
        var answered = new Dictionary<string, int>(StringComparer.Ordinal);

        for (var i = 0; i < Probes; i++)
        {
            var probe = generator.Probe();
            var context = $"seed {seed}, probe {i}: {probe}";
            var (status, contentType, body) = await SendRawAsync(probe);

            if (probe.Expected is (BadRequest, { } field))
            {
                Assert.True(status == BadRequest, $"Expected 400 naming {field}, got {status} {body}; {context}");
                Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
                var errors = JsonNode.Parse(body)!["errors"]?.AsObject();
                Assert.True(errors?.ContainsKey(field) == true, $"The 400 does not name {field}: {body}; {context}");
                answered[field] = answered.GetValueOrDefault(field) + 1;
            }
            else
            {
                var expected = probe.Expected?.Status;
                Assert.True(expected is null ? status < 400 : status == expected, $"Expected {expected?.ToString(CultureInfo.InvariantCulture) ?? "an answer below 400"}, got {status} {body}; {context}");
                answered["valid"] = answered.GetValueOrDefault("valid") + 1;
            }

            if (probe.ChangesOwnRegion)
            {
                Assert.Equal(version, await VersionAsync(client, own));
            }
        }

        // Every class was probed, from both sides.
        var summary = string.Join(", ", answered.Select(p => $"{p.Key}: {p.Value}"));
        foreach (var field in new[] { "limit", "before", "resources", "near", "If-None-Match", "If-Match", "languages", "reason", "displayName", "supportHours", "valid" })
        {
            Assert.True(answered.GetValueOrDefault(field) > 0, $"No probe of {field}: {summary}");
        }
    }

    private const int BadRequest = 400;

    /// <summary>
    /// Sends the probe into the server as it is: HttpClient parses some headers it knows (If-Match, If-None-Match)
    /// and sends them normalized (W/ "1" becomes W/"1"), so the probe would not arrive as written.
    /// </summary>
    private async Task<(int Status, string ContentType, string Body)> SendRawAsync(HostileRequest probe)
    {
        var context = await gateway.Server.SendAsync(c =>
        {
            var query = probe.Path.IndexOf('?', StringComparison.Ordinal);
            c.Request.Method = probe.Method.Method;
            c.Request.Path = PathString.FromUriComponent(query < 0 ? probe.Path : probe.Path[..query]);
            c.Request.QueryString = query < 0 ? QueryString.Empty : QueryString.FromUriComponent(probe.Path[query..]);
            foreach (var (name, value) in probe.Headers)
            {
                c.Request.Headers.Append(name, value);
            }

            if (probe.Body is { } bytes)
            {
                c.Request.Body = new MemoryStream(bytes);
                c.Request.ContentLength = bytes.Length;

                // The test server decided there is no body before this ran, and its body reader reads its own stream.
                c.Features.Set<IRequestBodyPipeFeature>(new RequestBodyPipeFeature(c));
                c.Features.Set<IHttpRequestBodyDetectionFeature>(HasBody.Instance);
                c.Request.ContentType = probe.ContentType;
            }
        });
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, context.Response.ContentType ?? string.Empty, await reader.ReadToEndAsync());
    }

    private static async Task<string?> VersionAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/regions/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag?.Tag;
    }

    private sealed class HasBody : IHttpRequestBodyDetectionFeature
    {
        public static readonly HasBody Instance = new();

        public bool CanHaveBody => true;
    }
}
