using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RegionGrains.Abstractions.Regions;
using RegionGrains.Gateway.Audit;
using RegionGrains.Gateway.Http;
using RegionGrains.Gateway.Problems;
using RegionGrains.Hosting.Orleans;

namespace RegionGrains.Gateway.Regions;

/// <summary><c>POST /api/regions:batch</c>: many regions defined in one request, each exactly as PUT defines one.</summary>
public static partial class RegionEndpoints
{
    /// <summary>The most regions one bulk definition takes.</summary>
    public const int MaxBatchRegions = 10_000;

    /// <summary>
    /// The bulk definition's body limit: 8 MiB, about 840 bytes a region at the most regions a request takes. A
    /// definition with a plain name is about 150 bytes; a service center's list of languages makes it longer.
    /// </summary>
    public const long MaxBatchBytes = 8L * 1024 * 1024;

    /// <summary>
    /// Regions being defined at once for one request. Each definition waits for its journal append and its footprint
    /// partition's member write, both of which commit whatever is queued together (one fsync per batch), so the
    /// more are in flight, the more each fsync carries; past a few hundred the writers' batches are full and more
    /// would only queue.
    /// </summary>
    private const int BatchConcurrency = 256;

    public static async Task<Results<Ok<RegionBatchResponse>, ValidationProblem>> DefineRegions(
        RegionBatchRequest body,
        IClusterClient cluster,
        HttpContext context,
        AuditLog log,
        ILoggerFactory loggers)
    {
        var errors = new ValidationErrors().Batch(body.Regions, MaxBatchRegions);
        var dryRun = DryRunQuery.Read(context.Request, errors);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var items = body.Regions!;
        var results = new RegionBatchResult[items.Count];
        var valid = new List<(int Index, string Id, RegionDefinition Definition)>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var itemErrors = new ValidationErrors().RegionId(item?.Id);
            if (item?.Definition is { } definition)
            {
                itemErrors.Definition(definition);
            }
            else
            {
                itemErrors.Check(false, "definition", ValidationMessages.BatchDefinition);
            }

            if (itemErrors.IsEmpty)
            {
                valid.Add((i, item!.Id!, item.Definition!.ToDefinition()));
            }
            else
            {
                results[i] = Failed(item?.Id, Problem.InvalidDetails(itemErrors.ToDictionary()));
            }
        }

        var connection = context.RequestServices.GetService<ClusterClientConnection>();
        var unavailable = false;
        var options = new ParallelOptions { MaxDegreeOfParallelism = BatchConcurrency };
        await Parallel.ForEachAsync(valid, options, async (item, _) =>
        {
            // Once the cluster cannot be reached, or the caller has gone, the rest are not sent: each would only wait
            // out its timeout. Every region is all or nothing, so those not sent are simply not defined.
            if (Volatile.Read(ref unavailable))
            {
                results[item.Index] = Failed(item.Id, Problem.ClusterUnavailable("Not attempted: the cluster could not be reached for an earlier region of this request; retry shortly."));
                return;
            }

            if (context.RequestAborted.IsCancellationRequested)
            {
                results[item.Index] = Failed(item.Id, Problem.Details(StatusCodes.Status499ClientClosedRequest, ProblemTypes.HttpError, "Not attempted", "The caller closed the request before this region was sent."));
                return;
            }

            try
            {
                // Not through the gateway's reference cache: an import names each region once, and would only push the
                // regions that are read out of it.
                var result = await cluster.GetGrain<IRegionGrain>(item.Id).DefineAsync(item.Definition, expectedVersion: null, dryRun);
                results[item.Index] = Outcome(item.Id, result);
            }
            catch (Exception exception)
            {
                var problem = GatewayExceptionHandler.Describe(exception, connection);
                if (problem.Status == StatusCodes.Status503ServiceUnavailable)
                {
                    Volatile.Write(ref unavailable, true);
                }
                else
                {
                    LogRegionFailed(loggers.CreateLogger(typeof(RegionEndpoints)), exception, item.Id);
                }

                results[item.Index] = Failed(item.Id, problem);
            }
        });

        var response = Summarize(results);
        if (!dryRun)
        {
            foreach (var result in results)
            {
                if (result.Outcome is RegionBatchOutcome.Created or RegionBatchOutcome.Updated)
                {
                    log.Defined(context, result.Id!, result.Version!.Value);
                }
            }

            log.BatchDefined(context, response.Created, response.Updated, response.Unchanged, response.Failed);
        }

        return TypedResults.Ok(response);
    }

    /// <summary>
    /// Checks the list itself: present, 1 to <paramref name="max"/> regions, no id twice (which of two definitions
    /// of one region would win is not for the order of the calls to decide). The regions' own problems are theirs.
    /// </summary>
    private static ValidationErrors Batch(this ValidationErrors errors, IReadOnlyList<RegionBatchItem?>? regions, int max)
    {
        if (regions is not { Count: > 0 } || regions.Count > max)
        {
            return errors.Check(false, "regions", ValidationMessages.BatchRegions(max));
        }

        var repeated = regions
            .Where(r => r?.Id is not null)
            .GroupBy(r => r!.Id!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToList();
        return errors.Check(repeated.Count == 0, "regions", ValidationMessages.BatchDuplicates(string.Join(", ", repeated.Take(20)) + (repeated.Count > 20 ? $" and {repeated.Count - 20} more" : string.Empty)));
    }

    private static RegionBatchResult Outcome(string id, RegionResult result) => result.Outcome switch
    {
        RegionOutcome.Created => new(id, RegionBatchOutcome.Created, StatusCodes.Status201Created, result.Region!.Version),
        RegionOutcome.Ok => new(id, result.Changed ? RegionBatchOutcome.Updated : RegionBatchOutcome.Unchanged, StatusCodes.Status200OK, result.Region!.Version),
        _ => Failed(id, RegionDefinitionChecks.Refusal(result)),
    };

    private static RegionBatchResult Failed(string? id, ProblemDetails problem) => new(id, RegionBatchOutcome.Failed, problem.Status!.Value, Problem: problem);

    private static RegionBatchResponse Summarize(RegionBatchResult[] results)
    {
        var counts = new int[Enum.GetValues<RegionBatchOutcome>().Length];
        foreach (var result in results)
        {
            counts[(int)result.Outcome]++;
        }

        return new RegionBatchResponse(
            counts[(int)RegionBatchOutcome.Created],
            counts[(int)RegionBatchOutcome.Updated],
            counts[(int)RegionBatchOutcome.Unchanged],
            counts[(int)RegionBatchOutcome.Failed],
            results);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Defining {RegionId} in a bulk definition failed")]
    private static partial void LogRegionFailed(ILogger logger, Exception exception, string regionId);
}
