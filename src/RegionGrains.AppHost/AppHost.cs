using RegionGrains.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
var settings = AppHostSettings.From(builder);

var silos = builder.AddProject<Projects.RegionGrains_Silo>("silo")
    .WithReplicas(settings.Silos)
    .WithClusterStore(settings)
    .WithHttpEndpoint(name: "http")
    .WithHttpHealthCheck("/health/ready");

var gateway = builder.AddProject<Projects.RegionGrains_Gateway>("gateway")
    .WithEnvironment("RegionGrains__Gateway__Mode", "Client")
    .WithClusterStore(settings)
    .WithHttpEndpoint(port: settings.GatewayPort, name: "http", isProxied: false)
    .WithHttpHealthCheck("/health/ready")
    .WithExternalHttpEndpoints()
    .WaitFor(silos);

builder.Build().Run();
