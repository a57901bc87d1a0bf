using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RegionGrains.Abstractions.Events;
using RegionGrains.Gateway.Problems;
using RegionGrains.Gateway.Security;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Events;

/// <summary>The <c>/api/event-rules</c> resource: webhook rules and their deliveries (admin only: targets and secrets are the admins').</summary>
public static class EventRuleEndpoints
{
    private const int DefaultDeliveryLimit = 100;
    private const int MaxDeliveryLimit = 1_000;

    public static IEndpointRouteBuilder MapEventRuleEndpoints(this IEndpointRouteBuilder app)
    {
        // Every route is the admins': targets and secrets are theirs.
        var group = app.MapApiGroup("/api/event-rules", "Webhooks").RequireAccess(app, GatewayPolicies.Administer);
        group.MapPut("/{name}", PutEventRule)
            .WithName(nameof(PutEventRule))
            .WithSummary("Create (201) or replace (200) a webhook rule: region events of the kinds in 'on' (of 'regions', all when left out; while 'when' holds) are posted to target.url as Standard Webhooks signed with 'secret' (whsec_ + base64), from the events after this call on. Loopback, private and link-local targets are refused unless RegionGrains:Webhooks:AllowedTargets allows them. The secret is never answered.");
        group.MapGet("/{name}", GetEventRule)
            .WithName(nameof(GetEventRule))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A webhook rule, without its secret.");
        group.MapDelete("/{name}", DeleteEventRule)
            .WithName(nameof(DeleteEventRule))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Delete a webhook rule; its deliveries stop.");
        group.MapGet("/{name}/deliveries", ListDeliveries)
            .WithName(nameof(ListDeliveries))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The rule's deliveries, newest first, with their webhook-id, attempts and outcome (Retrying, Delivered, Failed), paged with limit (default 100, at most 1000) and before; a Link rel=\"next\" header points to the next page.");
        return app;
    }

    public static async Task<Results<Created<EventRuleResponse>, Ok<EventRuleResponse>, ValidationProblem>> PutEventRule(
        string name,
        EventRuleRequest body,
        IClusterClient cluster,
        IOptions<WebhookOptions> options,
        HttpContext context)
    {
        var errors = new ValidationErrors();
        var rule = await EventRuleValidation.CheckAsync(name, body, options.Value, errors, context.RequestAborted);
        if (rule is null)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var grain = cluster.GetGrain<IEventRuleGrain>(name);
        var created = await grain.PutAsync(rule);
        var response = EventRuleResponse.From((await grain.GetAsync())!);
        return created ? TypedResults.Created($"/api/event-rules/{name}", response) : TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<EventRuleResponse>, ProblemHttpResult, ValidationProblem>> GetEventRule(string name, IClusterClient cluster)
    {
        if (!WebhookRules.IsValidName(name))
        {
            return Problem.Invalid("name", ValidationMessages.WebhookName);
        }

        return await cluster.GetGrain<IEventRuleGrain>(name).GetAsync() is { } rule ? TypedResults.Ok(EventRuleResponse.From(rule)) : NotFound(name);
    }

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> DeleteEventRule(string name, IClusterClient cluster)
    {
        if (!WebhookRules.IsValidName(name))
        {
            return Problem.Invalid("name", ValidationMessages.WebhookName);
        }

        return await cluster.GetGrain<IEventRuleGrain>(name).DeleteAsync() ? TypedResults.NoContent() : NotFound(name);
    }

    public static async Task<Results<Ok<WebhookDeliveryResponse[]>, ProblemHttpResult, ValidationProblem>> ListDeliveries(
        string name,
        IClusterClient cluster,
        HttpRequest request,
        HttpResponse response,
        string? limit = null,
        string? before = null)
    {
        var count = DefaultDeliveryLimit;
        var beforeSequence = 0L;
        var errors = new ValidationErrors()
            .Check(WebhookRules.IsValidName(name), "name", ValidationMessages.WebhookName)
            .Check(limit is null || (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count is >= 1 and <= MaxDeliveryLimit), "limit", ValidationMessages.Limit(MaxDeliveryLimit))
            .Check(before is null || (long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out beforeSequence) && beforeSequence >= 1), "before", ValidationMessages.BeforeSequence);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors.ToDictionary());
        }

        var page = await cluster.GetGrain<IEventRuleGrain>(name).GetDeliveriesAsync(count, before is null ? null : beforeSequence);
        if (page is null)
        {
            return NotFound(name);
        }

        if (page.NextBefore is { } next)
        {
            response.Headers.Link = string.Create(CultureInfo.InvariantCulture, $"<{request.PathBase}/api/event-rules/{name}/deliveries?limit={count}&before={next}>; rel=\"next\"");
        }

        return TypedResults.Ok(page.Deliveries.Select(WebhookDeliveryResponse.From).ToArray());
    }

    private static ProblemHttpResult NotFound(string name) =>
        TypedResults.Problem(Problem.Details(StatusCodes.Status404NotFound, ProblemTypes.EventRuleNotFound, "Event rule not found", $"There is no event rule '{name}'."));
}
