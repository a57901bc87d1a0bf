using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace RegionGrains.Hosting.Orleans;

/// <summary>Chooses how grain state is encoded in storage.</summary>
public static class StateSerializerExtensions
{
    /// <summary>
    /// Stores grain state in Orleans' own version-tolerant binary format. The state types are immutable
    /// <c>[GenerateSerializer]</c> records with <c>[Id]</c>s, which that format round-trips exactly and evolves
    /// by id; the Newtonsoft JSON default cannot construct them.
    /// </summary>
    public static ISiloBuilder UseOrleansStateSerializer(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        return silo;
    }
}
