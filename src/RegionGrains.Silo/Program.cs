using RegionGrains.Grains;
using RegionGrains.Hosting.Dashboard;
using RegionGrains.ServiceDefaults.Startup;
using RegionGrains.Hosting.Orleans;
using RegionGrains.ServiceDefaults.Telemetry;
using RegionGrains.Silo;

StartupErrors.ExitOnConfigurationError();
var builder = WebApplication.CreateBuilder(ApplicationFolder.BuilderOptions(args));
builder.AddSiloHttpDefaults();
builder.AddRegionGrainsTelemetry(TelemetryServiceNames.Silo);
builder.AddRegionGrainsSilo();
builder.AddRegionGrainsSiloDashboard();
builder.Services.AddRegionGrains();

var app = builder.Build();
app.MapSiloHealthEndpoints();
app.MapRegionGrainsMetrics();
app.MapClusterMembers();
app.MapClusterGrains();
app.MapRegionGrainsDashboard();

app.Run();
