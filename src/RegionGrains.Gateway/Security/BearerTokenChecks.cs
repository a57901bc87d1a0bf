using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RegionGrains.Gateway.Security;

/// <summary>
/// What the gateway asks of a bearer token beyond its signature, issuer, audience and lifetime, checked once the JWT
/// handler has validated those: no critical header parameters, and exactly one subject that is a JSON string and a
/// valid <see cref="CallerName"/>. Each failure refuses the token (401), so that nothing is written under a name that
/// is not there or cannot be trusted in a log line. Both are read from the token's own JSON rather than from the
/// claims the handler made of it: the handler turns <c>"sub": 42</c> into the string "42" and a lone surrogate
/// into U+FFFD, and does not look at <c>crit</c>.
/// </summary>
internal static class BearerTokenChecks
{
    /// <summary>The JWS header parameter listing extensions the recipient must understand (RFC 7515 §4.1.11).</summary>
    public const string CriticalHeader = "crit";

    public const string CriticalMessage =
        "The token lists critical header parameters (crit); the gateway understands none, so it must refuse the token (RFC 7515 §4.1.11).";

    public static readonly string SubjectMessage =
        $"The token must carry one subject (sub) as a string that identifies the caller: {CallerName.Rule}.";

    public static Task OnTokenValidated(TokenValidatedContext context)
    {
        var refusal = context.SecurityToken is not JsonWebToken token ? SubjectMessage
            : HasMember(token.EncodedHeader, CriticalHeader) ? CriticalMessage
            : !CallerName.IsValid(StringMember(token.EncodedPayload, ClaimNames.Subject)) ? SubjectMessage
            : null;
        if (refusal is not null)
        {
            var exception = new CredentialRefusedException(refusal);
            context.HttpContext.Features.Set(exception);
            context.Fail(exception);
        }

        return Task.CompletedTask;
    }

    private static bool HasMember(string encoded, string name)
    {
        using var json = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(encoded));
        return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out _);
    }

    /// <summary>The member's value when the object has it once, as a string that decodes to valid UTF-16; else null.</summary>
    private static string? StringMember(string encoded, string name)
    {
        using var json = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(encoded));
        if (json.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var values = json.RootElement.EnumerateObject().Where(p => p.NameEquals(name)).ToList();
        if (values is not [{ Value.ValueKind: JsonValueKind.String } member])
        {
            return null;
        }

        try
        {
            return member.Value.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate: no string can hold it faithfully.
            return null;
        }
    }
}
