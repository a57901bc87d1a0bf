using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using HdrHistogram;
using RegionGrains.LoadTest.Events;

namespace RegionGrains.LoadTest.Commands;

/// <summary>
/// Events out, measured against a running gateway. Each round: reservations without a rule (the baseline write rate);
/// an event rule delivering the regions' <c>Reserved</c> events to a receiver in this process, and the same number of
/// reservations again, timed until the last of their events was delivered (webhook deliveries per second, and their
/// ratio to the baseline write rate); then stream resumes (<c>Last-Event-ID</c> a few events back, timed to the first
/// event replayed), interleaved with reads of the region, the baseline of the same round.
/// </summary>
public sealed class EventsCommand(IAnsiConsole console) : AsyncCommand<EventsSettings>
{
    private static readonly string[] ReservedOnly = ["Reserved"];

    public override async Task<int> ExecuteAsync(CommandContext context, EventsSettings settings, CancellationToken cancellationToken)
    {
        var gateway = settings.GatewayUri;
        using var client = LoadHttpClient.Create(settings.Concurrency + 1, settings.EffectiveApiKey);
        Step($"Checking the gateway at {gateway}");
        try
        {
            using var probe = await client.GetAsync(new Uri(gateway, "api/footprint"), cancellationToken);
            probe.EnsureSuccessStatusCode();
        }
        catch (HttpRequestException exception)
        {
            console.MarkupLine($"[red]The gateway at {Markup.Escape(gateway.ToString())} does not answer GET /api/footprint: {Markup.Escape(exception.Message)}[/]");
            console.MarkupLine("Start one that allows webhook targets on loopback: [grey]RegionGrains__Webhooks__AllowedTargets__0=127.0.0.1/32 dotnet run -c Release --project src/RegionGrains.Gateway[/]");
            return ExitCodes.TargetUnavailable;
        }

        var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var sink = await WebhookSink.StartAsync(secret, cancellationToken);
        var regions = new RegionSet(settings.Regions);
        Step($"Creating {regions.Count} regions through the API (lt-{regions.RunTag}-*); they stay in the gateway's data");
        await HttpRegionTarget.CreateRegionsAsync(client, gateway, regions, Math.Min(settings.Concurrency, 16), cancellationToken);

        var rounds = new List<EventsRound>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            var run = new Round(client, gateway, regions, settings, round);
            var baseline = await run.ReserveAsync("b", cancellationToken);
            var rule = $"lt-{regions.RunTag}-rule-{round}";
            var put = await client.PutAsJsonAsync(
                new Uri(gateway, $"api/event-rules/{rule}"),
                new { on = ReservedOnly, regions = regions.Ids, target = new { url = sink.Url }, secret },
                cancellationToken);
            if (!put.IsSuccessStatusCode)
            {
                console.MarkupLine($"[red]PUT /api/event-rules/{Markup.Escape(rule)} answered {(int)put.StatusCode}: {Markup.Escape(await put.Content.ReadAsStringAsync(cancellationToken))}[/]");
                console.MarkupLine("A webhook target on loopback needs the gateway's (and in client mode the silos') RegionGrains__Webhooks__AllowedTargets__0=127.0.0.1/32.");
                return ExitCodes.TargetUnavailable;
            }

            // Deliveries start with the events after the PUT: every version above these is one of the next phase's.
            var from = await run.VersionsAsync(cancellationToken);
            var started = Stopwatch.GetTimestamp();
            var withRule = await run.ReserveAsync("w", cancellationToken);
            var expected = await run.ExpectedIdsAsync(rule, from, cancellationToken);
            var lastArrival = await WaitForDeliveriesAsync(sink, expected, settings.DeliveryTimeout, cancellationToken);
            using (await client.DeleteAsync(new Uri(gateway, $"api/event-rules/{rule}"), cancellationToken))
            {
            }

            if (lastArrival is null)
            {
                console.MarkupLine($"[red]Round {round}: {expected.Count(id => sink.ArrivedAt(id) is null)} of {expected.Count} events were not delivered within {settings.DeliveryTimeout}.[/]");
                return ExitCodes.Failed;
            }

            var delivering = Stopwatch.GetElapsedTime(started, lastArrival.Value);
            var (resume, read) = await run.ResumesAsync(cancellationToken);
            var result = new EventsRound(
                round,
                settings.Events / baseline.TotalSeconds,
                settings.Events / withRule.TotalSeconds,
                expected.Count / delivering.TotalSeconds,
                (expected.Count / delivering.TotalSeconds) / (settings.Events / baseline.TotalSeconds),
                LatencyReport.From(LatencySummary.From(resume)),
                LatencyReport.From(LatencySummary.From(read)),
                resume.GetValueAtPercentile(50) / (double)Math.Max(1, read.GetValueAtPercentile(50)));
            rounds.Add(result);
            Step(string.Create(CultureInfo.InvariantCulture, $"Round {round}: {result.ReservationsPerSecond:N0} reservations/s without a rule, {result.DeliveriesPerSecond:N0} deliveries/s ({result.DeliveryRatio:0.00}x); resume p50 {result.Resume.P50:0.00} ms against a read's {result.Read.P50:0.00} ms"));
        }

        var report = new EventsReport(
            $"{LoadTestApp.Name} events",
            gateway.ToString(),
            settings.Regions,
            settings.Events,
            settings.Concurrency,
            settings.Resumes,
            sink.Repeats,
            sink.BadSignatures,
            Median(rounds, r => r.ReservationsPerSecond),
            Median(rounds, r => r.DeliveriesPerSecond),
            Median(rounds, r => r.DeliveryRatio),
            Median(rounds, r => r.Resume.P50),
            Median(rounds, r => r.Read.P50),
            Median(rounds, r => r.ResumeToReadP50),
            rounds,
            MachineReport.Current());
        Write(report);
        if (settings.Report is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, ReportWriter.Json), cancellationToken);
            Step($"Report written to {Path.GetFullPath(path)}");
        }

        if (sink.BadSignatures > 0)
        {
            console.MarkupLine($"[red]{sink.BadSignatures} deliveries carried a signature that does not verify.[/]");
            return ExitCodes.Failed;
        }

        return ExitCodes.Passed;
    }

    /// <summary>Waits until every id arrived; the latest first arrival among them, or null at the timeout.</summary>
    private static async Task<long?> WaitForDeliveriesAsync(WebhookSink sink, IReadOnlyList<string> ids, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var arrivals = ids.Select(sink.ArrivedAt).ToList();
            if (arrivals.All(a => a is not null))
            {
                return arrivals.Max();
            }

            await timer.WaitForNextTickAsync(cancellationToken);
        }

        return null;
    }

    private static double Median(IReadOnlyList<EventsRound> rounds, Func<EventsRound, double> value)
    {
        var sorted = rounds.Select(value).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private void Write(EventsReport report)
    {
        var table = new Table().AddColumn("figure").AddColumn(new TableColumn("median of rounds").RightAligned());
        table.AddRow("reservations/s, no rule (baseline)", report.ReservationsPerSecond.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("webhook deliveries/s", report.DeliveriesPerSecond.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("deliveries / reservations", report.DeliveryRatio.ToString("0.00", CultureInfo.InvariantCulture));
        table.AddRow("resume to first replayed event, p50 ms", report.ResumeP50Ms.ToString("0.00", CultureInfo.InvariantCulture));
        table.AddRow("read of the region, p50 ms (baseline)", report.ReadP50Ms.ToString("0.00", CultureInfo.InvariantCulture));
        table.AddRow("resume / read (p50)", report.ResumeToReadP50.ToString("0.00", CultureInfo.InvariantCulture));
        table.AddRow("repeated deliveries", report.RepeatedDeliveries.ToString(CultureInfo.InvariantCulture));
        console.Write(table);
    }

    private void Step(string message) => console.MarkupLine($"[grey]{DateTime.Now:HH:mm:ss}[/] {Markup.Escape(message)}");

    /// <summary>One round's requests.</summary>
    private sealed class Round(HttpClient client, Uri gateway, RegionSet regions, EventsSettings settings, int number)
    {
        /// <summary>Posts the round's reservations, one unit each, round-robin over the regions; the time they took.</summary>
        public async Task<TimeSpan> ReserveAsync(string phase, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            await Parallel.ForAsync(0, settings.Events, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var region = regions.Ids[i % regions.Count];
                var body = new { reservationId = $"ev-{number}-{phase}-{i}", resource = RegionSet.ReserveResource, amount = 1 };
                using var response = await client.PostAsJsonAsync(new Uri(gateway, $"api/regions/{region}/reservations"), body, LoadHttpClient.Json, ct);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"Reserving in {region} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                }
            });
            return Stopwatch.GetElapsedTime(started);
        }

        /// <summary>Every region's current version.</summary>
        public async Task<long[]> VersionsAsync(CancellationToken cancellationToken)
        {
            var versions = new long[regions.Count];
            for (var i = 0; i < regions.Count; i++)
            {
                using var region = JsonDocument.Parse(await client.GetStringAsync(new Uri(gateway, $"api/regions/{regions.Ids[i]}"), cancellationToken));
                versions[i] = region.RootElement.GetProperty("version").GetInt64();
            }

            return versions;
        }

        /// <summary>The <c>webhook-id</c>s of every event after <paramref name="from"/>: <c>{rule}:{region}:{version}</c>.</summary>
        public async Task<IReadOnlyList<string>> ExpectedIdsAsync(string rule, long[] from, CancellationToken cancellationToken)
        {
            var to = await VersionsAsync(cancellationToken);
            var ids = new List<string>();
            for (var i = 0; i < regions.Count; i++)
            {
                for (var version = from[i] + 1; version <= to[i]; version++)
                {
                    ids.Add(string.Create(CultureInfo.InvariantCulture, $"{rule}:{regions.Ids[i]}:{version}"));
                }
            }

            return ids;
        }

        /// <summary>
        /// Resumes of a region's stream a few events back, each timed to its first replayed event, and as many reads of
        /// the region, alternating, one at a time.
        /// </summary>
        public async Task<(HistogramBase Resume, HistogramBase Read)> ResumesAsync(CancellationToken cancellationToken)
        {
            var resume = NewHistogram();
            var read = NewHistogram();
            var versions = await VersionsAsync(cancellationToken);
            var random = new Random(number);
            for (var i = 0; i < settings.Resumes; i++)
            {
                var r = i % regions.Count;
                var region = regions.Ids[r];
                var started = Stopwatch.GetTimestamp();
                using (var response = await client.GetAsync(new Uri(gateway, $"api/regions/{region}"), HttpCompletionOption.ResponseContentRead, cancellationToken))
                {
                    response.EnsureSuccessStatusCode();
                }

                read.RecordValue(Microseconds(started));
                var after = Math.Max(0, versions[r] - 1 - random.Next(0, 50));
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, $"api/regions/{region}/events"));
                request.Headers.Add("Accept", "text/event-stream");
                request.Headers.Add("Last-Event-ID", after.ToString(CultureInfo.InvariantCulture));
                started = Stopwatch.GetTimestamp();
                using var stream = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                stream.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(cancellationToken));
                var expected = $"id: {after + 1}";
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (line == expected)
                    {
                        break;
                    }

                    if (line.StartsWith("id: ", StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException($"Resuming {region} after {after} replayed '{line}' first, not '{expected}'.");
                    }
                }

                resume.RecordValue(Microseconds(started));
            }

            return (resume, read);
        }

        private static LongHistogram NewHistogram() => new(1, 3_600_000_000, 3);

        private static long Microseconds(long started) => Math.Max(1, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
    }
}

/// <summary>One round of <c>events</c>.</summary>
public sealed record EventsRound(
    int Round,
    double ReservationsPerSecond,
    double ReservationsPerSecondWithRule,
    double DeliveriesPerSecond,
    double DeliveryRatio,
    LatencyReport Resume,
    LatencyReport Read,
    double ResumeToReadP50);

/// <summary>What <c>events</c> writes with <c>--report</c>: medians of the rounds, and each round.</summary>
public sealed record EventsReport(
    string Command,
    string Url,
    int Regions,
    int EventsPerRound,
    int Concurrency,
    int ResumesPerRound,
    int RepeatedDeliveries,
    int BadSignatures,
    double ReservationsPerSecond,
    double DeliveriesPerSecond,
    double DeliveryRatio,
    double ResumeP50Ms,
    double ReadP50Ms,
    double ResumeToReadP50,
    IReadOnlyList<EventsRound> Rounds,
    MachineReport Machine);
