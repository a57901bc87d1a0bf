namespace RegionGrains.Gateway;

/// <summary>How the gateway reaches the grains: the one switch between co-hosting a silo and being a client.</summary>
public enum GatewayMode
{
    /// <summary>Co-host a silo in this process (the default): nothing else to run.</summary>
    Embedded = 0,

    /// <summary>Connect as an Orleans client to a cluster of separate silo processes.</summary>
    Client = 1,
}
