using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Serialization;
using RegionGrains.Hosting.Orleans;
using RegionGrains.Journal;
using StackExchange.Redis;

namespace RegionGrains.Grains.Tests.Hosting;

/// <summary>
/// The exceptions a grain call may fail with must cross the wire as themselves: the gateway tells a retryable refusal
/// or an unavailable store (a 503) from a fault (a 500) by the exception's type. A CI run once saw a journal version
/// conflict reach the gateway as Orleans' CodecNotFoundException and answer 500.
/// </summary>
public sealed class RemoteExceptionsTests
{
    public static TheoryData<Exception> GrainCallFailures() => new()
    {
        JournalConflictException.For("fr-paris", expectedHead: 7, actualHead: 8),
        new RedisConnectionException(ConnectionFailureType.UnableToConnect, "No connection is active"),
        new RedisTimeoutException("Timeout awaiting response", CommandStatus.Sent),
        new NpgsqlException("Exception while reading from stream"),
        new Microsoft.Data.Sqlite.SqliteException("database is locked", 5),
        new RegionGrains.Sqlite.SqliteDataFileException("The data file '/data/regiongrains.db' cannot be used: the disk is full."),
        new TimeoutException("Response did not arrive on time"),
        new Npgsql.PostgresException("deadlock detected", "ERROR", "ERROR", "40P01"),
    };

    [Theory]
    [MemberData(nameof(GrainCallFailures))]
    public void AGatewaysClientReadsEveryGrainCallFailureAsItsOwnType(Exception failure) =>
        AssertRoundTrips(failure, host => host.AddRegionGrainsClient());

    [Theory]
    [MemberData(nameof(GrainCallFailures))]
    public void ASiloWritesAndReadsEveryGrainCallFailureAsItsOwnType(Exception failure) =>
        AssertRoundTrips(failure, host => host.AddRegionGrainsSilo());

    [Fact]
    public void WithoutTheProjectsSettingsOrleansCannotWriteTheJournalsConflict()
    {
        // The control: Orleans' defaults alone refuse the type, so the tests above can fail.
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();

        Assert.Throws<CodecNotFoundException>(() => serializer.SerializeToArray<Exception>(JournalConflictException.For("fr-paris", 1, 2)));
    }

    private static void AssertRoundTrips(Exception failure, Action<IHostApplicationBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RegionGrains:DataDirectory"] = Path.Combine(Path.GetTempPath(), "regiongrains-remote-exceptions", Guid.NewGuid().ToString("N")),
        });
        configure(builder);
        using var host = builder.Build();
        var serializer = host.Services.GetRequiredService<Serializer>();

        var read = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(failure));

        Assert.IsType(failure.GetType(), read);
        Assert.Equal(failure.Message, read.Message);
        Assert.Equal(ClusterFailures.IsUnavailable(failure), ClusterFailures.IsUnavailable(read));
    }
}
