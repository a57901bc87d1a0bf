using RegionGrains.Gateway;
using RegionGrains.Gateway.Consumers;
using RegionGrains.Gateway.Events;
using RegionGrains.Gateway.Footprint;
using RegionGrains.Gateway.Placement;
using RegionGrains.Gateway.Regions;
using RegionGrains.Gateway.Reservations;
using RegionGrains.Gateway.Schedule;
using RegionGrains.Gateway.Security;
using RegionGrains.Gateway.Web;
using RegionGrains.Hosting.Dashboard;
using RegionGrains.Hosting.Stores;
using RegionGrains.ServiceDefaults.Health;
using RegionGrains.ServiceDefaults.Startup;
using RegionGrains.ServiceDefaults.Telemetry;
using Scalar.AspNetCore;

StartupErrors.ExitOnStartupError(ClusterStores.ExplainStartupFailure);
var builder = WebApplication.CreateBuilder(ApplicationFolder.BuilderOptions(args));
builder.AddGatewayServices();
builder.AddGatewayDashboard();
builder.AddGatewayEvents();

var app = builder.Build();
if (!ExposureGuard.AllowsStart(app))
{
    return ExposureGuard.ExitCode;
}

app.UseGatewayMiddleware();
app.UseMapPage();

app.MapRegionEndpoints();
app.MapReservationEndpoints();
app.MapScheduleEndpoints();
app.MapPlacementEndpoints();
app.MapConsumerEndpoints();
app.MapFootprintEndpoints();
app.MapEventEndpoints();
app.MapRegionGrainsHealthEndpoints();
app.MapRegionGrainsMetrics().RequireAccess(app, GatewayPolicies.Manage);
app.MapOpenApi().RequireAccess(app, GatewayPolicies.Manage);
app.MapScalarApiReference().RequireAccess(app, GatewayPolicies.Manage);
app.MapRegionGrainsDashboard().RequireAccess(app, GatewayPolicies.Administer);

app.Run();
return 0;

/// <summary>Entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
