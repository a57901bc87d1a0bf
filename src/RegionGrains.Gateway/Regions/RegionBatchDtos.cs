using Microsoft.AspNetCore.Mvc;

namespace RegionGrains.Gateway.Regions;

/// <summary>Body of <c>POST /api/regions:batch</c>: the regions to define, each once, at most <see cref="RegionEndpoints.MaxBatchRegions"/>.</summary>
public sealed record RegionBatchRequest(IReadOnlyList<RegionBatchItem?>? Regions);

/// <summary>One region of a bulk definition: its id and the body <c>PUT /api/regions/{id}</c> takes.</summary>
public sealed record RegionBatchItem(string? Id, RegionDefinitionRequest? Definition);

/// <summary>What became of each region of a bulk definition, in request order, with the counts of each outcome.</summary>
public sealed record RegionBatchResponse(int Created, int Updated, int Unchanged, int Failed, IReadOnlyList<RegionBatchResult> Results);

/// <summary>
/// One region's result: the status <c>PUT /api/regions/{id}</c> would have answered (201, 200, or the status of its
/// problem), the region's version after a success, and for a failure the problem PUT would have answered.
/// </summary>
public sealed record RegionBatchResult(string? Id, RegionBatchOutcome Outcome, int Status, long? Version = null, ProblemDetails? Problem = null);

/// <summary>What a bulk definition did to one region.</summary>
public enum RegionBatchOutcome
{
    /// <summary>The region did not exist and was created (status Planned); PUT's 201.</summary>
    Created,

    /// <summary>The region existed and its definition changed; PUT's 200.</summary>
    Updated,

    /// <summary>The region already had this definition: nothing was written; PUT's 200.</summary>
    Unchanged,

    /// <summary>Nothing was written: see the result's problem.</summary>
    Failed,
}
