using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RegionGrains.LoadTest.Commands;

/// <summary>
/// Bulk creation against a running gateway: each round creates regions one <c>PUT /api/regions/{id}</c> at a time
/// (the baseline) and then many more through <c>POST /api/regions:batch</c>, and reports regions per second of each
/// and their ratio. Every region must be answered created; a round that is not fails the run. The regions stay in
/// the gateway's store (ids <c>lt-TAG-p…</c> and <c>lt-TAG-b…</c>).
/// </summary>
public sealed class BulkCommand(IAnsiConsole console) : AsyncCommand<BulkSettings>
{
    private static readonly TimeSpan BatchTimeout = TimeSpan.FromMinutes(5);

    public override async Task<int> ExecuteAsync(CommandContext context, BulkSettings settings, CancellationToken cancellationToken)
    {
        var gateway = settings.GatewayUri;
        using var client = LoadHttpClient.Create(settings.PutConcurrency + settings.Requests + 1, settings.EffectiveApiKey);
        // A request of 10,000 regions takes seconds, more on a loaded machine.
        client.Timeout = BatchTimeout;
        try
        {
            using var probe = await client.GetAsync(new Uri(gateway, "api/footprint"), cancellationToken);
            probe.EnsureSuccessStatusCode();
        }
        catch (HttpRequestException exception)
        {
            console.MarkupLine($"[red]The gateway at {Markup.Escape(gateway.ToString())} does not answer: {Markup.Escape(exception.Message)}[/]");
            return ExitCodes.TargetUnavailable;
        }

        var tag = RegionSet.NewRunTag();
        console.MarkupLine($"Run tag {tag}: {settings.Rounds} round(s) of {settings.PutRegions:N0} regions by PUT ({settings.PutConcurrency} in flight), then {settings.Regions:N0} by POST /api/regions:batch ({settings.BatchSize:N0} a request, {settings.Requests} in flight)");
        var rounds = new List<BulkRound>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            var put = settings.PutRegions == 0 ? null : await PutAsync(client, gateway, [.. Ids(tag, $"{round}p", settings.PutRegions)], settings.PutConcurrency, cancellationToken);
            var batch = await BatchAsync(client, gateway, [.. Ids(tag, $"{round}b", settings.Regions)], settings, cancellationToken);
            var result = new BulkRound(round, put, batch, put is null ? null : batch.PerSecond / put.PerSecond);
            rounds.Add(result);
            console.MarkupLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Round {round}: PUT {Describe(put)}; batch {Describe(batch)}{(result.Ratio is { } ratio ? $"; batch ÷ PUT {ratio:F2} ×" : string.Empty)}"));
            if (put?.Failed > 0 || batch.Failed > 0)
            {
                console.MarkupLine($"[red]Round {round}: {put?.Failed ?? 0} PUTs and {batch.Failed} bulk items were not answered created.[/]");
                await WriteReportAsync(settings, tag, rounds, cancellationToken);
                return ExitCodes.Failed;
            }
        }

        var median = new BulkSummary(
            Median(rounds.Select(r => r.Batch.PerSecond)),
            rounds.All(r => r.Put is not null) ? Median(rounds.Select(r => r.Put!.PerSecond)) : null,
            rounds.All(r => r.Ratio is not null) ? Median(rounds.Select(r => r.Ratio!.Value)) : null);
        console.MarkupLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Median of {rounds.Count}: batch {median.BatchPerSecond:N0} regions/s, PUT {median.PutPerSecond:N0} regions/s, ratio {median.Ratio:F2} ×"));
        await WriteReportAsync(settings, tag, rounds, cancellationToken, median);
        return ExitCodes.Passed;
    }

    private static IEnumerable<string> Ids(string tag, string phase, int count) =>
        Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"lt-{tag}-{phase}{i}"));

    private static object DefinitionOf(string id, int index)
    {
        var definition = RegionSet.DefinitionOf(index);
        return new { displayName = $"{definition.DisplayName} {id}", countryCode = definition.CountryCode, geography = definition.Geography, latitude = definition.Latitude, longitude = definition.Longitude };
    }

    private static async Task<BulkPhase> PutAsync(HttpClient client, Uri gateway, string[] ids, int concurrency, CancellationToken cancellationToken)
    {
        var failed = 0;
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ids.Length),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                using var response = await client.PutAsJsonAsync(new Uri(gateway, $"api/regions/{ids[i]}"), DefinitionOf(ids[i], i), LoadHttpClient.Json, token);
                await response.Content.CopyToAsync(Stream.Null, token);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref failed);
                }
            });
        return BulkPhase.Of(ids.Length, failed, Stopwatch.GetElapsedTime(started));
    }

    private static async Task<BulkPhase> BatchAsync(HttpClient client, Uri gateway, string[] ids, BulkSettings settings, CancellationToken cancellationToken)
    {
        var failed = 0;
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(
            ids.Select((id, i) => (id, i)).Chunk(settings.BatchSize),
            new ParallelOptions { MaxDegreeOfParallelism = settings.Requests, CancellationToken = cancellationToken },
            async (chunk, token) =>
            {
                var body = new { regions = chunk.Select(r => new { id = r.id, definition = DefinitionOf(r.id, r.i) }) };
                using var response = await client.PostAsJsonAsync(new Uri(gateway, "api/regions:batch"), body, LoadHttpClient.Json, token);
                var created = response.StatusCode == HttpStatusCode.OK
                    ? (int?)JsonNode.Parse(await response.Content.ReadAsStringAsync(token))?["created"] ?? 0
                    : 0;
                Interlocked.Add(ref failed, chunk.Length - created);
            });
        return BulkPhase.Of(ids.Length, failed, Stopwatch.GetElapsedTime(started));
    }

    private static string Describe(BulkPhase? phase) => phase is null
        ? "not run"
        : string.Create(CultureInfo.InvariantCulture, $"{phase.Regions:N0} in {phase.Seconds:F1} s, {phase.PerSecond:N0} regions/s");

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static async Task WriteReportAsync(BulkSettings settings, string tag, List<BulkRound> rounds, CancellationToken cancellationToken, BulkSummary? median = null)
    {
        if (settings.Report is { } path)
        {
            await using var file = File.Create(path);
            await JsonSerializer.SerializeAsync(file, new { tag, settings.Regions, settings.BatchSize, settings.Requests, settings.PutRegions, settings.PutConcurrency, rounds, median }, LoadHttpClient.Json, cancellationToken);
        }
    }

    private sealed record BulkPhase(int Regions, int Failed, double Seconds, double PerSecond)
    {
        public static BulkPhase Of(int regions, int failed, TimeSpan elapsed) => new(regions, failed, elapsed.TotalSeconds, regions / elapsed.TotalSeconds);
    }

    private sealed record BulkRound(int Round, BulkPhase? Put, BulkPhase Batch, double? Ratio);

    private sealed record BulkSummary(double BatchPerSecond, double? PutPerSecond, double? Ratio);
}
