namespace RegionGrains.Gateway.Conditional;

/// <summary>
/// Declares on an endpoint the conditional headers it honours; an endpoint that honours <c>If-Match</c> can answer
/// 412 Precondition Failed, so that is declared with it.
/// </summary>
internal static class ConditionalHeadersExtensions
{
    public static RouteHandlerBuilder HonoursIfMatch(this RouteHandlerBuilder builder, bool ifNoneMatch = false) =>
        builder
            .WithMetadata(new ConditionalHeaders(IfMatch: true, IfNoneMatch: ifNoneMatch))
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    public static RouteHandlerBuilder HonoursIfNoneMatch(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new ConditionalHeaders(IfMatch: false, IfNoneMatch: true));
}
