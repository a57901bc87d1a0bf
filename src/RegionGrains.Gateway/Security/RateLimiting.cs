using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using RegionGrains.Gateway.Problems;

namespace RegionGrains.Gateway.Security;

/// <summary>
/// Request rates per caller with ASP.NET Core's rate limiter: a token bucket per caller identity, refused with 429
/// problem+json and <c>Retry-After</c>. Event-stream caps are counted by the stream hub itself.
/// </summary>
internal static class RateLimiting
{
    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services) => services.AddRateLimiter(options =>
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
        options.OnRejected = async (context, cancellationToken) =>
        {
            var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
            await TooManyRequests(context.HttpContext, seconds, "This caller has made more requests than its limit allows; retry after the number of seconds in Retry-After.");
        };
    });

    /// <summary>Writes a 429 problem with <c>Retry-After</c>.</summary>
    public static async Task TooManyRequests(HttpContext context, int retryAfterSeconds, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var problem = Problem.Details(StatusCodes.Status429TooManyRequests, ProblemTypes.TooManyRequests, "Too many requests", detail);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        var limits = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;
        var caller = CallerIdentity.Of(context);
        var own = CallerIdentity.OwnRate(context.User);
        var rate = own ?? limits.RequestsPerSecond;
        if (rate == 0)
        {
            return RateLimitPartition.GetNoLimiter(caller);
        }

        // The rate is part of the key, so a changed configuration takes effect with a fresh bucket.
        return RateLimitPartition.GetTokenBucketLimiter($"{caller}|{rate}", _ => new TokenBucketRateLimiterOptions
        {
            // A key's own rate is its whole allowance: one second's worth at once, no shared burst on top.
            TokenLimit = own is null ? Math.Max(limits.Burst, rate) : rate,
            TokensPerPeriod = rate,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
