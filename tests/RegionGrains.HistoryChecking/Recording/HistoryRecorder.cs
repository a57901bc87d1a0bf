using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RegionGrains.HistoryChecking.History;

namespace RegionGrains.HistoryChecking.Recording;

/// <summary>
/// Records a history: clients spread over the gateways run random operations on a few hot regions, each operation
/// written down with its client, its call and return instants on one monotonic clock, and what came back.
/// </summary>
public sealed class HistoryRecorder(IReadOnlyList<GatewayEndpoint> gateways, IReadOnlyList<string> regions, WorkloadOptions options)
{
    private const string ProblemPrefix = "urn:regiongrains:problem:";
    private static readonly string[] Statuses = ["Online", "Degraded", "Maintenance"];
    private readonly long _origin = Stopwatch.GetTimestamp();
    private readonly ConcurrentQueue<HistoryOp> _ops = new();
    private readonly ConcurrentQueue<FaultEvent> _faults = new();
    private readonly List<RegionStart> _starts = [];
    private long _nextId;

    /// <summary>Operations recorded so far.</summary>
    public int Count => _ops.Count;

    /// <summary>Operations that got a definite answer (ok or refused) so far.</summary>
    public int Acknowledged => _ops.Count(o => o.Outcome != Outcome.Unknown);

    /// <summary>Writes (reserve, release, capacity, status) answered 2xx so far.</summary>
    public int Written => _ops.Count(o => o.Outcome == Outcome.Ok && o.Kind is not (OpKind.ReadRegion or OpKind.ReadReservation));

    /// <summary>
    /// Waits until <paramref name="done"/> holds for the running recording (it is asked after every 50 ms of load, a
    /// bounded wait, 60 s unless <paramref name="timeout"/> says otherwise, whose failure names <paramref name="awaited"/>).
    /// </summary>
    public async Task WhenAsync(Func<HistoryRecorder, bool> done, string awaited, TimeSpan? timeout = null)
    {
        var bound = timeout ?? TimeSpan.FromSeconds(60);
        var waited = Stopwatch.StartNew();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!done(this))
        {
            Assert.True(waited.Elapsed < bound, $"Timed out after {bound.TotalSeconds:0} s waiting for {awaited}; {Count} operations recorded.");
            await tick.WaitForNextTickAsync();
        }
    }

    /// <summary>Microseconds since the recorder was made, on the clock every operation is stamped with.</summary>
    public long Now => (Stopwatch.GetTimestamp() - _origin) * 1_000_000 / Stopwatch.Frequency;

    /// <summary>
    /// Defines each hot region through the first gateway, brings it Online with the pool, and reads where it starts
    /// (the regions side by side: on a cluster that just started, each region's first calls take seconds).
    /// </summary>
    public async Task SetUpRegionsAsync()
    {
        var http = gateways[0].Http;
        var starts = await Task.WhenAll(regions.Select(async region =>
        {
            await http.CreateAcceptingRegionAsync(region, WorkloadOptions.Resource, options.Total);
            using var online = await http.PostAsJsonAsync($"/api/regions/{region}/status", new { status = "Online", reason = "history checker" });
            Assert.True(online.IsSuccessStatusCode, $"{region} to Online answered {(int)online.StatusCode}");
            var read = await ReadRegionAsync(gateways[0], "setup", region);
            Assert.True(read.Outcome == Outcome.Ok, $"Reading {region} before recording: {read}");
            return new RegionStart(region, read.Version!.Value, read.Status!, read.ReadTotal!.Value, read.ReadReserved!.Value);
        }));
        _starts.AddRange(starts);
        _ops.Clear();
    }

    /// <summary>Writes a step of the fault schedule into the history's timeline.</summary>
    public void Fault(string what) => _faults.Enqueue(new FaultEvent(Now, what));

    /// <summary>Runs the clients until <paramref name="stop"/> is cancelled (each finishes the operation it is in).</summary>
    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, options.Clients).Select(i => Task.Run(() => ClientAsync(i, stop), CancellationToken.None)));

    /// <summary>
    /// After the clients stopped: reads every region and every reservation any client asked for, through each gateway in
    /// turn, so that the history ends with what the cluster holds (a lost acknowledged reservation shows here).
    /// </summary>
    public async Task AuditAsync()
    {
        var ids = _ops.Where(o => o.Kind == OpKind.Reserve).Select(o => (o.Region, o.ReservationId!)).Distinct().ToList();
        var reads = 0;
        foreach (var region in regions)
        {
            foreach (var gateway in gateways)
            {
                await ReadRegionAsync(gateway, $"audit-{gateway.Name}", region);
            }
        }

        foreach (var (region, id) in ids)
        {
            await ReadReservationAsync(gateways[reads++ % gateways.Count], "audit", region, id);
        }
    }

    public RecordedHistory Build() => new(_starts, [.. _ops.OrderBy(o => o.Invoke)], [.. _faults]);

    private async Task ClientAsync(int index, CancellationToken stop)
    {
        var random = new Random(options.Seed * 1000 + index);
        var gateway = gateways[index % gateways.Count];
        var client = $"c{index}-{gateway.Name}";
        var mine = new List<(string Region, string Id, long Amount)>();
        var made = 0;

        // At most one operation a period, so that a few clients cannot saturate two cores; after an operation without
        // an answer the period grows, so that an outage does not become thousands of them. A new timer for a new
        // period waits the whole period (a tick left pending during a slow operation would not).
        var pacing = new PeriodicTimer(options.Pacing);
        HistoryOp? unanswered = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                // A reservation or release that got no answer is sent again next, as a client holding its idempotency
                // key does, until it gets one: the answer settles when the first one could still have taken effect.
                var last = unanswered is null
                    ? await NextOperationAsync(random, gateway, client, mine, () => $"{client}-{made++}")
                    : await RepeatAsync(gateway, client, unanswered, mine);
                unanswered = last is { Outcome: Outcome.Unknown, Kind: OpKind.Reserve or OpKind.Release } ? last : null;
                var period = last.Outcome is Outcome.Unknown ? options.PacingAfterFailure : options.Pacing;
                if (period != pacing.Period)
                {
                    pacing.Dispose();
                    pacing = new PeriodicTimer(period);
                }

                await pacing.WaitForNextTickAsync(CancellationToken.None);
            }
        }
        finally
        {
            pacing.Dispose();
        }
    }

    /// <summary>Sends <paramref name="unanswered"/> (a reservation or a release) again; a release that gets an answer is the client's no more.</summary>
    private async Task<HistoryOp> RepeatAsync(GatewayEndpoint gateway, string client, HistoryOp unanswered, List<(string Region, string Id, long Amount)> mine)
    {
        if (unanswered.Kind == OpKind.Reserve)
        {
            return await ReserveAsync(gateway, client, unanswered.Region, unanswered.ReservationId!, unanswered.Amount!.Value);
        }

        var op = await ReleaseAsync(gateway, client, unanswered.Region, unanswered.ReservationId!);
        if (op.Outcome != Outcome.Unknown)
        {
            mine.RemoveAll(m => m.Region == unanswered.Region && m.Id == unanswered.ReservationId);
        }

        return op;
    }

    /// <summary>One random operation of the workload's mix; <paramref name="mine"/> tracks the client's own reservations.</summary>
    private async Task<HistoryOp> NextOperationAsync(Random random, GatewayEndpoint gateway, string client, List<(string Region, string Id, long Amount)> mine, Func<string> newId)
    {
        var region = regions[random.Next(regions.Count)];
        var roll = random.Next(100);
        var own = mine.Where(m => m.Region == region).ToList();
        if (roll < 30 || (roll < 55 && own.Count == 0))
        {
            var id = newId();
            var amount = random.Next(1, 4);
            var op = await ReserveAsync(gateway, client, region, id, amount);
            if (op.Outcome != Outcome.Fail)
            {
                mine.Add((region, id, amount));
            }

            return op;
        }

        if (roll < 35)
        {
            var replay = own[random.Next(own.Count)];
            return await ReserveAsync(gateway, client, region, replay.Id, replay.Amount);
        }

        if (roll < 55)
        {
            var release = own[random.Next(own.Count)];
            var op = await ReleaseAsync(gateway, client, region, release.Id);
            if (op.Outcome != Outcome.Unknown)
            {
                mine.Remove(release);
            }

            return op;
        }

        if (roll < 62)
        {
            return await SetTotalAsync(gateway, client, region, options.Total + random.Next(-4, 5));
        }

        if (roll < 70)
        {
            return await SetStatusAsync(gateway, client, region, Statuses[random.Next(Statuses.Length)]);
        }

        return roll < 90 || own.Count == 0
            ? await ReadRegionAsync(gateway, client, region)
            : await ReadReservationAsync(gateway, client, region, own[random.Next(own.Count)].Id);
    }

    /// <summary>One recorded operation of <paramref name="client"/> (also for scripted histories).</summary>
    public Task<HistoryOp> ReserveAsync(GatewayEndpoint gateway, string client, string region, string id, long amount) =>
        CallAsync(
            gateway,
            new HistoryOp { Id = 0, Client = client, Region = region, Kind = OpKind.Reserve, ReservationId = id, Amount = amount, Invoke = 0, Outcome = Outcome.Unknown },
            () => new HttpRequestMessage(HttpMethod.Post, $"/api/regions/{region}/reservations") { Content = JsonContent.Create(new { reservationId = id, resource = WorkloadOptions.Resource, amount }) },
            (op, status, _) => op with { Created = status == HttpStatusCode.Created });

    /// <summary>One recorded operation of <paramref name="client"/> (also for scripted histories).</summary>
    public Task<HistoryOp> ReleaseAsync(GatewayEndpoint gateway, string client, string region, string id) =>
        CallAsync(
            gateway,
            new HistoryOp { Id = 0, Client = client, Region = region, Kind = OpKind.Release, ReservationId = id, Invoke = 0, Outcome = Outcome.Unknown },
            () => new HttpRequestMessage(HttpMethod.Delete, $"/api/regions/{region}/reservations/{id}"),
            (op, _, _) => op);

    /// <summary>One recorded operation of <paramref name="client"/> (also for scripted histories).</summary>
    public Task<HistoryOp> SetTotalAsync(GatewayEndpoint gateway, string client, string region, long total) =>
        CallAsync(
            gateway,
            new HistoryOp { Id = 0, Client = client, Region = region, Kind = OpKind.SetCapacity, Total = total, Invoke = 0, Outcome = Outcome.Unknown },
            () => new HttpRequestMessage(HttpMethod.Put, $"/api/regions/{region}/capacity/{WorkloadOptions.Resource}") { Content = JsonContent.Create(new { total }) },
            (op, _, body) => op with { Version = body!.Value.GetProperty("version").GetInt64() });

    /// <summary>One recorded operation of <paramref name="client"/> (also for scripted histories).</summary>
    public Task<HistoryOp> SetStatusAsync(GatewayEndpoint gateway, string client, string region, string target) =>
        CallAsync(
            gateway,
            new HistoryOp { Id = 0, Client = client, Region = region, Kind = OpKind.SetStatus, Target = target, Invoke = 0, Outcome = Outcome.Unknown },
            () => new HttpRequestMessage(HttpMethod.Post, $"/api/regions/{region}/status") { Content = JsonContent.Create(new { status = target, reason = "history checker" }) },
            (op, _, body) => op with { Version = body!.Value.GetProperty("version").GetInt64() });

    /// <summary>One recorded operation of <paramref name="client"/> (also for scripted histories).</summary>
    public Task<HistoryOp> ReadRegionAsync(GatewayEndpoint gateway, string client, string region) =>
        CallAsync(
            gateway,
            new HistoryOp { Id = 0, Client = client, Region = region, Kind = OpKind.ReadRegion, Invoke = 0, Outcome = Outcome.Unknown },
            () => new HttpRequestMessage(HttpMethod.Get, $"/api/regions/{region}"),
            (op, _, body) =>
            {
                var pool = body!.Value.GetProperty("capacity").GetProperty(WorkloadOptions.Resource);
                return op with
                {
                    Version = body.Value.GetProperty("version").GetInt64(),
                    Status = body.Value.GetProperty("status").GetString(),
                    ReadTotal = pool.GetProperty("total").GetInt64(),
                    ReadReserved = pool.GetProperty("reserved").GetInt64(),
                };
            });

    /// <summary>One recorded operation of <paramref name="client"/> (also for scripted histories).</summary>
    public Task<HistoryOp> ReadReservationAsync(GatewayEndpoint gateway, string client, string region, string id) =>
        CallAsync(
            gateway,
            new HistoryOp { Id = 0, Client = client, Region = region, Kind = OpKind.ReadReservation, ReservationId = id, Invoke = 0, Outcome = Outcome.Unknown },
            () => new HttpRequestMessage(HttpMethod.Get, $"/api/regions/{region}/reservations/{id}"),
            (op, status, body) => status == HttpStatusCode.NotFound
                ? op with { ReservationState = "NotFound" }
                : op with { ReservationState = body!.Value.GetProperty("state").GetString(), Amount = body.Value.GetProperty("amount").GetInt64() });

    /// <summary>
    /// Sends one request and records it: a 2xx (and, for a read of a reservation, its 404) is Ok and read by
    /// <paramref name="read"/>; a 4xx problem is a refusal; a 5xx, 408, 429, timeout or connection error is unknown.
    /// </summary>
    private async Task<HistoryOp> CallAsync(GatewayEndpoint gateway, HistoryOp op, Func<HttpRequestMessage> request, Func<HistoryOp, HttpStatusCode, JsonElement?, HistoryOp> read)
    {
        op = op with { Gateway = gateway.Name, Invoke = Now };
        try
        {
            using var timeout = new CancellationTokenSource(options.RequestTimeout);
            using var message = request();
            using var response = await gateway.Http.SendAsync(message, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            var complete = Now;
            var status = (int)response.StatusCode;
            using var json = text.Length > 0 && text[0] == '{' ? JsonDocument.Parse(text) : null;
            var body = json?.RootElement;
            var problem = body is { } b && b.TryGetProperty("type", out var type) && type.GetString() is { } t && t.StartsWith(ProblemPrefix, StringComparison.Ordinal)
                ? t[ProblemPrefix.Length..]
                : null;
            op = op with { HttpStatus = status };
            if (response.IsSuccessStatusCode || (op.Kind == OpKind.ReadReservation && status == 404 && problem == "reservation-not-found"))
            {
                op = read(op, response.StatusCode, body) with { Complete = complete, Outcome = Outcome.Ok };
            }
            else if (status is >= 400 and < 500 and not 408 and not 429)
            {
                op = op with { Complete = complete, Outcome = Outcome.Fail, Problem = problem ?? $"http-{status}" };
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException)
        {
            // No answer: the operation may or may not have happened. Even a refused connection proves nothing: the
            // handler sends a request again on a new connection when its pooled one dies, so the first attempt may
            // have reached a gateway that died before it answered.
        }

        op = op with { Id = Interlocked.Increment(ref _nextId) };
        _ops.Enqueue(op);
        return op;
    }
}
