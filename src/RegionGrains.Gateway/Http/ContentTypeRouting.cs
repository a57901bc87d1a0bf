namespace RegionGrains.Gateway.Http;

/// <summary>
/// Routing chooses no endpoint by the request's <c>Content-Type</c>. The platform's accepts policy answers a body of
/// a type an endpoint does not declare with 415 at routing time, through an endpoint of its own that carries none of
/// the route's authorization: an anonymous caller learnt the body rules before it learnt that it must authenticate.
/// Without the policy the endpoint is chosen by path and method alone, authentication and authorization run, and the
/// endpoint's body reader refuses the type with the same 415 problem.
/// </summary>
internal static class ContentTypeRouting
{
    private const string AcceptsPolicy = "AcceptsMatcherPolicy";

    public static IServiceCollection RemoveContentTypeMatching(this IServiceCollection services)
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(MatcherPolicy) && d.ImplementationType?.Name == AcceptsPolicy).ToList())
        {
            services.Remove(descriptor);
        }

        return services;
    }
}
