using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;
using RegionGrains.Abstractions;
using RegionGrains.Grains;
using RegionGrains.Hosting.Orleans;

namespace RegionGrains.LoadTest.Cluster;

/// <summary>
/// The cluster a run talks to: either a silo this process starts (through the same
/// <c>AddRegionGrainsSilo</c> wiring as the gateway, on a temporary data directory, plus the load tester's
/// baseline grains), or an existing cluster joined as a client through <c>AddRegionGrainsClient</c>.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    private readonly IHost _host;
    private readonly string? _temporaryDirectory;

    private ClusterConnection(IHost host, bool inProcess, string dataDirectory, string? temporaryDirectory)
    {
        _host = host;
        InProcess = inProcess;
        DataDirectory = dataDirectory;
        _temporaryDirectory = temporaryDirectory;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }

    /// <summary>True when this process hosts the silo (the baseline grains are then available).</summary>
    public bool InProcess { get; }

    public string DataDirectory { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts a one-silo cluster in this process. The catalog is not seeded: the run's regions are the only ones.</summary>
    public static async Task<ClusterConnection> StartSiloAsync(SiloOptions options, CancellationToken cancellationToken)
    {
        var temporary = options.DataDirectory is null
            ? Path.Combine(Path.GetTempPath(), "regiongrains-loadtest-" + Guid.NewGuid().ToString("N")[..12])
            : null;
        var dataDirectory = Path.GetFullPath(options.DataDirectory ?? temporary!);
        var builder = NewBuilder(options.Verbose);
        var clusterId = "loadtest-" + Guid.NewGuid().ToString("N")[..8];

        // RegionGrains__Provider=Redis with ConnectionStrings__redis measures the Redis journal the same way;
        // the settings below (own data directory, cluster and service ids) still win.
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RegionGrains:DataDirectory"] = dataDirectory,
            ["RegionGrains:ClusterId"] = clusterId,
            ["RegionGrains:ServiceId"] = "regiongrains-loadtest",
            ["RegionGrains:Catalog:Seed"] = "false",
        });
        builder.AddRegionGrainsSilo(silo =>
        {
            if (options.InMemoryRegionStorage)
            {
                // Registered after the SQLite provider of the same name, so the grains resolve this one.
                silo.AddInMemoryJournal(StorageNames.Regions);
            }

            // A scale run keeps up to a million activations; none may be collected while it measures them.
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromHours(2));
        });
        builder.Services.AddRegionGrains();
        builder.Services.AddSerializer(serializer => serializer.AddAssembly(typeof(PingGrain).Assembly));
        return await StartAsync(builder, inProcess: true, dataDirectory, temporary, cancellationToken);
    }

    /// <summary>Joins an existing cluster as a client, configured like the gateway's client mode.</summary>
    /// <param name="settings">Overrides of the <c>RegionGrains</c> section (e.g. <c>GatewayPort</c>); environment variables <c>RegionGrains__*</c> also apply.</param>
    /// <param name="verbose">Log at Information instead of Warning.</param>
    /// <param name="cancellationToken">Stops waiting for the connection.</param>
    public static async Task<ClusterConnection> ConnectAsync(IReadOnlyDictionary<string, string?> settings, bool verbose, CancellationToken cancellationToken)
    {
        var builder = NewBuilder(verbose);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddInMemoryCollection(settings.ToDictionary(p => $"{ClusterHostingOptions.Section}:{p.Key}", p => p.Value));
        builder.AddRegionGrainsClient();
        builder.Services.AddSerializer(serializer => serializer.AddAssembly(typeof(PingGrain).Assembly));
        var dataDirectory = ClusterHostingOptions.Read(builder.Configuration).DataDirectoryFullPath;
        var connection = await StartAsync(builder, inProcess: false, dataDirectory, null, cancellationToken);
        try
        {
            // The client connects in the background; a grain call before then fails for want of the cluster's manifest.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConnectTimeout);
            await connection.Services.GetRequiredService<ClusterClientConnection>().WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync();
            throw new TimeoutException($"No silo of the cluster answered within {ConnectTimeout.TotalSeconds:0} s; check --data-dir, --cluster-id and --service-id.");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await _host.StopAsync(stopping.Token);
        }

        _host.Dispose();
        if (_temporaryDirectory is not null)
        {
            // SQLite may still hold the file for a moment after the silo stopped; a leftover temp folder is harmless.
            for (var attempt = 0; attempt < 5 && Directory.Exists(_temporaryDirectory); attempt++)
            {
                try
                {
                    Directory.Delete(_temporaryDirectory, recursive: true);
                }
                catch (IOException)
                {
                    await Task.Delay(200);
                }
            }
        }
    }

    private static HostApplicationBuilder NewBuilder(bool verbose)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        if (!verbose)
        {
            // Orleans warns about every call still in flight when a silo stops, which a load test does by design.
            builder.Logging.AddFilter("Orleans", LogLevel.Error);
            builder.Logging.AddFilter("Polly", LogLevel.Error);
        }
        return builder;
    }

    private static async Task<ClusterConnection> StartAsync(HostApplicationBuilder builder, bool inProcess, string dataDirectory, string? temporary, CancellationToken cancellationToken)
    {
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new ClusterConnection(host, inProcess, dataDirectory, temporary);
    }
}
