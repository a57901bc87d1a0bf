using RegionGrains.Gateway;
using RegionGrains.Gateway.Footprint;
using RegionGrains.Gateway.Health;
using RegionGrains.Gateway.Regions;
using RegionGrains.Gateway.Reservations;
using RegionGrains.Gateway.Web;
using RegionGrains.Hosting.Dashboard;
using RegionGrains.Hosting.Telemetry;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddGatewayServices();
builder.AddGatewayDashboard();

var app = builder.Build();
app.UseGatewayMiddleware();
app.UseMapPage();

app.MapRegionEndpoints();
app.MapReservationEndpoints();
app.MapFootprintEndpoints();
app.MapHealthEndpoints();
app.MapRegionGrainsMetrics();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapRegionGrainsDashboard();

app.Run();

/// <summary>Entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
