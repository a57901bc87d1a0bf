using RegionGrains.Gateway;
using RegionGrains.Gateway.Footprint;
using RegionGrains.Gateway.Health;
using RegionGrains.Gateway.Regions;
using RegionGrains.Gateway.Reservations;
using RegionGrains.Hosting.Defaults;
using RegionGrains.Hosting.Telemetry;
using Scalar.AspNetCore;

StartupErrors.ExitOnConfigurationError();
var builder = WebApplication.CreateBuilder(ApplicationFolder.BuilderOptions(args));
builder.AddGatewayServices();

var app = builder.Build();
app.UseGatewayMiddleware();

app.MapRegionEndpoints();
app.MapReservationEndpoints();
app.MapFootprintEndpoints();
app.MapHealthEndpoints();
app.MapRegionGrainsMetrics();
app.MapOpenApi();
app.MapScalarApiReference();

app.Run();

/// <summary>Entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
