using RegionGrains.Grains;
using RegionGrains.Hosting.Orleans;
using RegionGrains.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.AddSiloHttpDefaults();
builder.AddRegionGrainsSilo();
builder.Services.AddRegionGrains();

var app = builder.Build();
app.MapSiloHealthEndpoints();

app.Run();
