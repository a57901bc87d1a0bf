using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace RegionGrains.Hosting.Orleans;

/// <summary>
/// Lets the exceptions a grain may throw cross the wire. Orleans serializes an exception only if its namespace starts
/// with one of <see cref="ExceptionSerializationOptions.SupportedNamespacePrefixes"/> (by default Microsoft, System
/// and Azure) or it has a generated serializer. Any other exception thrown by a grain reaches its caller as a
/// <c>CodecNotFoundException</c> instead, which no retry or 503 mapping recognises: a refused journal append during a
/// rolling restart turned into a 500 that way. Silos and clients must agree, so both call this.
/// </summary>
public static class RemoteExceptions
{
    /// <summary>
    /// The namespaces whose exceptions a grain call may fail with, beyond Orleans' defaults: this project's own
    /// (<c>RegionGrains.Journal.JournalConflictException</c>) and those of the store clients a provider uses
    /// (StackExchange.Redis for Redis, Npgsql for PostgreSQL; SQLite's are in <c>Microsoft.Data.Sqlite</c>).
    /// </summary>
    public static IReadOnlyList<string> NamespacePrefixes { get; } = ["RegionGrains.", "StackExchange.Redis", "Npgsql"];

    /// <summary>Adds <see cref="NamespacePrefixes"/> to the exception serializer's supported namespaces.</summary>
    public static IServiceCollection AddRemoteExceptions(this IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(options =>
        {
            foreach (var prefix in NamespacePrefixes)
            {
                options.SupportedNamespacePrefixes.Add(prefix);
            }
        });
}
