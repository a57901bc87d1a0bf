using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RegionGrains.Redis;

/// <summary>
/// The Redis connection string of the Redis provider. It is a secret, so it is never in a committed file: set the
/// environment variable <c>ConnectionStrings__redis</c> (read as <c>ConnectionStrings:redis</c>).
/// </summary>
public static class RedisConnection
{
    /// <summary>Name under <c>ConnectionStrings</c>.</summary>
    public const string Name = "redis";

    /// <summary>The environment variable that carries it.</summary>
    public const string EnvironmentVariable = "ConnectionStrings__redis";

    /// <summary>
    /// Parses the connection string, failing with what to set when it is missing: an
    /// <see cref="OptionsValidationException"/>, which a host reports as a configuration error.
    /// </summary>
    /// <param name="configuration">The process's configuration.</param>
    /// <param name="name">The connection string's name under <c>ConnectionStrings</c>: <see cref="Name"/> unless an Aspire AppHost names another.</param>
    public static ConfigurationOptions Read(IConfiguration configuration, string name = Name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString(name);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var variable = $"ConnectionStrings__{name}";
            throw new OptionsValidationException(
                $"ConnectionStrings:{name}",
                typeof(ConfigurationOptions),
                [$"RegionGrains:Provider is Redis but no Redis connection string is set; set the environment variable {variable}, e.g. {variable}=127.0.0.1:6379."]);
        }

        return ConfigurationOptions.Parse(connectionString);
    }
}
