using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using RegionGrains.LoadTest.Tests.Smoke;
using RegionGrains.Testing;

namespace RegionGrains.LoadTest.Tests.Telemetry;

/// <summary>The load tester as a process, exporting its own metrics to an OTLP/HTTP receiver on loopback.</summary>
[Collection(SmokeCollection.Name)]
public sealed class OtlpExportTests
{
    [Fact]
    public async Task WithAnOtlpEndpointSetTheRunExportsItsOperationsByTheSideThatRanThem()
    {
        var exports = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var port = FreeTcpPort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var receiver = builder.Build();
        receiver.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            // OTLP protobuf keeps names and attribute values as UTF-8 strings: the instrument and the side show as they are.
            if (signal == "metrics")
            {
                exports.Enqueue(Encoding.UTF8.GetString(body.ToArray()));
            }

            return Results.Ok();
        });
        await receiver.StartAsync();

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "RegionGrains.LoadTest.dll"), "grains", "--regions", "10", "--rate", "200", "--duration", "1s", "--warmup", "0s", "--rounds", "1", "--storage", "memory", "--no-live" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}";
        start.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.True(process.ExitCode == 0, await output + await errors);
        // The last export is answered before the process exits, so every export has arrived. Counters are cumulative:
        // the last one holds both sides of the run.
        Assert.False(exports.IsEmpty, "No OTLP metrics request arrived.\n" + await output);
        var last = exports.Last();
        Assert.Contains("regiongrains.loadtest.operations", last, StringComparison.Ordinal);
        Assert.Contains("regiongrains.loadtest.operation.duration", last, StringComparison.Ordinal);
        Assert.Contains("region-grain", last, StringComparison.Ordinal);
        Assert.Contains("ping-grain", last, StringComparison.Ordinal);
    }

}
