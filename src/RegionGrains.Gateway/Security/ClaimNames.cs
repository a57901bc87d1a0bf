namespace RegionGrains.Gateway.Security;

/// <summary>Claim types as tokens carry them (<c>dotnet user-jwts</c> and OpenID Connect issuers), used unmapped.</summary>
internal static class ClaimNames
{
    public const string Subject = "sub";
    public const string Role = "role";
}
