using System.Net.Http.Headers;
using RegionGrains.Gateway.Tests.Infrastructure;

namespace RegionGrains.Gateway.Tests.Hostile;

/// <summary>
/// The generated requests of <see cref="HostileRequestGenerator"/> (every route, hostile bodies, content types,
/// codings, conditions) sent to a gateway with authentication on, by callers who may not send them: no credential,
/// a token whose subject is unusable (generated: blank, invisible, a line break, a bidirectional control, too long),
/// a token with critical header parameters, or a reader's key on a write. Whatever the request, the answer is about
/// the caller first: 401 or 403 problem+json (404 or 405 where routing has no such endpoint, which says nothing of the
/// caller), never a 400, 412, 413 or 415 that would tell an unauthorized caller about the request's content.
/// The seed is printed on failure; set HOSTILE_SEED to replay it.
/// </summary>
[Collection(SecuredGatewayCollection.Name)]
public sealed class HostileCredentialTests(SecuredGateway gateway)
{
    private const int Requests = 1_500;

    private static readonly string[] CriticalB64 = ["b64"];

    /// <summary>Addresses anyone may call: the map page and health.</summary>
    private static readonly string[] PublicPaths = ["/", "/health/live", "/health/ready"];

    [Fact]
    public async Task NoGeneratedRequestFromACallerWhoMayNotSendItLearnsAnythingButThat()
    {
        var seed = HostileValues.SeedFromEnvironment();
        var values = new HostileValues(new Random(seed));
        var generator = new HostileRequestGenerator(values, "br-sao-paulo");
        var seen = new Dictionary<int, int>();
        for (var i = 0; i < Requests; i++)
        {
            var request = generator.Next();
            var (caller, credential) = Credential(values, request.Method);
            using var message = request.ToMessage();
            credential(message);
            message.Headers.TryAddWithoutValidation(SecuredGateway.ClientAddressHeader, "203.0.113.50");
            using var client = gateway.CreateClient();
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(message);
            }
            catch (InvalidOperationException exception) when (exception.Message.Contains("null characters", StringComparison.Ordinal))
            {
                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                seen[status] = seen.GetValueOrDefault(status) + 1;
                var body = await response.Content.ReadAsStringAsync();
                var context = $"seed {seed}, request {i}, {caller}: {request} -> {status} {body}";
                var path = request.Path.Split('?')[0];
                // Anyone may ask these, so their answers (a 412 to a conditional GET of the page, say) are what an
                // anonymous caller gets too: they tell nothing about the credential.
                if (PublicPaths.Contains(path, StringComparer.OrdinalIgnoreCase) && status < 500)
                {
                    continue;
                }

                Assert.True(status is 401 or 403 or 404 or 405, context);
                Assert.True(status != 403 || caller == "a reader", context);
                if (request.Method != HttpMethod.Head)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
            }
        }

        Assert.True(seen.GetValueOrDefault(401) > Requests / 2 && seen.GetValueOrDefault(403) > 0, string.Join(", ", seen.Select(p => $"{p.Key}: {p.Value}")));
    }

    /// <summary>A caller who may not send a write (and, but for the reader, may not send anything).</summary>
    private static (string Caller, Action<HttpRequestMessage> Apply) Credential(HostileValues values, HttpMethod method)
    {
        var write = method != HttpMethod.Get && method != HttpMethod.Head;
        return values.Random.Next(write ? 5 : 4) switch
        {
            0 => ("no credential", _ => { }),
            1 => ("a token with an unusable subject", m => Bearer(m, SecuredGateway.RawToken([("sub", HostileValues.StringJson(values.UnusableCallerName())), ("role", "\"admin\"")]))),
            2 => ("a token without a subject", m => Bearer(m, SecuredGateway.SignedToken(new Dictionary<string, object> { ["role"] = "admin" }))),
            3 => ("a token with critical header parameters", m => Bearer(m, SecuredGateway.SignedToken(
                new Dictionary<string, object> { ["sub"] = values.UsableCallerName(), ["role"] = "admin" },
                header: new Dictionary<string, object> { ["crit"] = CriticalB64, ["b64"] = false }))),
            _ => ("a reader", m => m.Headers.TryAddWithoutValidation("X-Api-Key", SecuredGateway.Keys["reader"])),
        };
    }

    private static void Bearer(HttpRequestMessage message, string token) => message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
}
