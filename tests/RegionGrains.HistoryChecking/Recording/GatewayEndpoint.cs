namespace RegionGrains.HistoryChecking.Recording;

/// <summary>One gateway the recorder's clients call, by name (for the history) and its HTTP client.</summary>
public sealed record GatewayEndpoint(string Name, HttpClient Http);
