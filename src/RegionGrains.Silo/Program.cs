using RegionGrains.Grains;
using RegionGrains.Hosting.Dashboard;
using RegionGrains.Hosting.Orleans;
using RegionGrains.Hosting.Telemetry;
using RegionGrains.Silo;

var builder = WebApplication.CreateBuilder(args);
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
