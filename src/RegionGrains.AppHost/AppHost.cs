using RegionGrains.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
var settings = AppHostSettings.From(builder);
var redis = settings.UseRedis ? builder.AddRedisServer(settings.RedisPort) : null;

// One Orleans cluster through Aspire's Orleans integration: every process that references it gets the cluster's ids
// and its store (Orleans__Clustering__*), silos as silos and the gateway as a client.
var cluster = builder.AddOrleans("cluster")
    .WithClusterId("regiongrains")
    .WithServiceId("regiongrains")
    .WithClustering(new ClusterStoreConfiguration(settings, redis));

var silos = builder.AddProject<Projects.RegionGrains_Silo>("silo")
    .WithReplicas(settings.Silos)
    .WithReference(cluster)
    .WithClusterSettings(settings, redis)
    .WithHttpEndpoint(name: "http")
    .WithHttpHealthCheck("/health/ready");

var gateway = builder.AddProject<Projects.RegionGrains_Gateway>("gateway")
    .WithEnvironment("RegionGrains__Gateway__Mode", "Client")
    .WithReference(cluster.AsClient())
    .WithClusterSettings(settings, redis)
    .WithHttpEndpoint(port: settings.GatewayPort, name: "http", isProxied: false)
    .WithHttpHealthCheck("/health/ready")
    .WithExternalHttpEndpoints()
    .WaitFor(silos);

// Started on demand from the dashboard: a 30 s HTTP load against the gateway, with its report in the data directory.
builder.AddProject<Projects.RegionGrains_LoadTest>("loadtest")
    .WithArgs(context =>
    {
        context.Args.Add("http");
        context.Args.Add("--url");
        context.Args.Add(gateway.GetEndpoint("http"));
        context.Args.Add("--duration");
        context.Args.Add("30s");
        context.Args.Add("--report");
        context.Args.Add(Path.Combine(settings.DataDirectory, "loadtest-report.json"));
    })
    .WithExplicitStart()
    .WaitFor(gateway);

builder.Build().Run();
