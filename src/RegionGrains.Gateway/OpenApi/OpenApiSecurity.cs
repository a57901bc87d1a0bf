using System.Text.Json.Nodes;
using RegionGrains.Gateway.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RegionGrains.Gateway.OpenApi;

/// <summary>
/// The OpenAPI document's security: both schemes (JWT bearer and the X-Api-Key header) as components, and on each
/// operation that requires a role, the requirement and the roles allowed. Enums are documented as their names,
/// which is all the API accepts.
/// </summary>
internal static class OpenApiSecurity
{
    public static OpenApiOptions AddGatewayDocumentation(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT from the configured issuer (Authentication:Schemes:Bearer); roles from its 'role' claims.",
            };
            document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "An API key whose SHA-256 is configured under RegionGrains:Auth:ApiKeys.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var policies = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
            if (policies.Count == 0)
            {
                return Task.CompletedTask;
            }

            operation.Security ??= [];
            foreach (var scheme in new[] { Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme, ApiKeyAuthenticationHandler.SchemeName })
            {
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] });
            }

            operation.Description = $"{operation.Description}\n\nRoles allowed: {string.Join(", ", policies.Select(RolesOf))}.".Trim();
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
            if (type.IsEnum)
            {
                schema.Type = JsonSchemaType.String;
                schema.Enum = [.. Enum.GetNames(type).Select(name => (JsonNode)JsonValue.Create(name))];
            }

            return Task.CompletedTask;
        });
        return options;
    }

    private static string RolesOf(string policy) => policy switch
    {
        GatewayPolicies.Read => $"{GatewayRoles.Reader}, {GatewayRoles.Operator}, {GatewayRoles.Admin}",
        GatewayPolicies.Operate => $"{GatewayRoles.Operator}, {GatewayRoles.Admin} (decommissioning: {GatewayRoles.Admin})",
        GatewayPolicies.Administer => GatewayRoles.Admin,
        GatewayPolicies.Manage => $"public on loopback, otherwise {GatewayRoles.Reader} or above",
        _ => policy,
    };
}
