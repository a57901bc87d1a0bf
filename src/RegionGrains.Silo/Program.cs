using RegionGrains.Grains;
using RegionGrains.Hosting.Dashboard;
using RegionGrains.Hosting.Orleans;
using RegionGrains.Hosting.Stores;
using RegionGrains.ServiceDefaults;
using RegionGrains.ServiceDefaults.Health;
using RegionGrains.ServiceDefaults.Startup;
using RegionGrains.ServiceDefaults.Telemetry;
using RegionGrains.Silo;

StartupErrors.ExitOnStartupError(ClusterStores.ExplainStartupFailure);
var builder = WebApplication.CreateBuilder(ApplicationFolder.BuilderOptions(args));
// A free loopback port unless --urls / ASPNETCORE_URLS choose one, so any number of silos can start on one machine.
builder.AddRegionGrainsServiceDefaults(TelemetryServiceNames.Silo, defaultUrl: "http://127.0.0.1:0");
builder.Services.AddReadinessCheck<SiloActiveHealthCheck>("silo");
builder.AddRegionGrainsSilo();
builder.AddRegionGrainsSiloDashboard();
builder.Services.AddRegionGrains();

var app = builder.Build();
app.MapRegionGrainsHealthEndpoints();
app.MapRegionGrainsMetrics();
app.MapClusterMembers();
app.MapClusterGrains();
app.MapRegionGrainsDashboard();

app.Run();
