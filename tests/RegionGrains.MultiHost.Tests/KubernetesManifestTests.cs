using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using RegionGrains.MultiHost.Tests.Infrastructure;
using RegionGrains.Hosting.Orleans;
using RegionGrains.PostgreSql;

namespace RegionGrains.MultiHost.Tests;

/// <summary>
/// deploy/kubernetes, offline: it renders with <c>kubectl kustomize</c>, every object is valid against the Kubernetes
/// API schemas (kubernetes-models, via deploy/kubernetes/validate), and the silo and gateway pods get every variable
/// and label the processes read.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Root = typeof(KubernetesManifestTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
    private static readonly string Manifests = Path.Combine(Root, "deploy", "kubernetes");
    private static readonly string Validator = Path.Combine(Manifests, "validate");

    [KubernetesToolsFact]
    public void EveryRenderedObjectIsValidAgainstTheKubernetesSchemas()
    {
        var rendered = Run("kubectl", ["kustomize", Manifests]);
        var validation = Run("node", [Path.Combine(Validator, "validate.mjs")], rendered, allowFailure: true);
        Assert.True(validation.ExitCode == 0, $"The manifests are not valid:\n{validation.Output}");
        Assert.Contains("0 invalid", validation.Output, StringComparison.Ordinal);
        foreach (var kind in new[] { "Deployment/regiongrains-silo", "Deployment/regiongrains-gateway", "Service/regiongrains-gateway", "Role/regiongrains-silo", "RoleBinding/regiongrains-silo", "ServiceAccount/regiongrains-silo", "PodDisruptionBudget/regiongrains-silo" })
        {
            Assert.Contains($" {kind}", validation.Output, StringComparison.Ordinal);
        }
    }

    [KubernetesToolsFact]
    public void TheValidatorRefusesAnInvalidObject()
    {
        const string Invalid = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\nspec:\n  replicas: three\n";
        var validation = Run("node", [Path.Combine(Validator, "validate.mjs")], Invalid, allowFailure: true);
        Assert.NotEqual(0, validation.ExitCode);
        Assert.Contains("INVALID apps/v1 Deployment/broken", validation.Output, StringComparison.Ordinal);
    }

    [KubernetesToolsFact]
    public void TheSiloPodGetsEveryVariableAndLabelOrleansKubernetesHostingAndTheSiloRead()
    {
        var objects = Render();
        var silo = Single(objects, "Deployment", "regiongrains-silo");
        var template = silo.GetProperty("spec").GetProperty("template");
        var labels = template.GetProperty("metadata").GetProperty("labels");
        var container = template.GetProperty("spec").GetProperty("containers")[0];
        var env = Environment(container);

        // What Orleans' Kubernetes hosting reads (its documentation), each from the pod itself.
        Assert.Equal("metadata.name", FieldRef(env, "POD_NAME"));
        Assert.Equal("metadata.namespace", FieldRef(env, "POD_NAMESPACE"));
        Assert.Equal("status.podIP", FieldRef(env, "POD_IP"));
        Assert.Equal("metadata.labels['orleans/serviceId']", FieldRef(env, "ORLEANS_SERVICE_ID"));
        Assert.Equal("metadata.labels['orleans/clusterId']", FieldRef(env, "ORLEANS_CLUSTER_ID"));
        Assert.False(string.IsNullOrEmpty(labels.GetProperty("orleans/serviceId").GetString()));
        Assert.False(string.IsNullOrEmpty(labels.GetProperty("orleans/clusterId").GetString()));

        // What the silo's own configuration reads.
        Assert.Equal("true", Value(env, ToVariable(SiloHostingExtensions.KubernetesHostingKey)));
        Assert.Equal(new PostgreSqlClusterStore().Name, Value(env, ToVariable($"{RegionGrainsOptions.Section}:{nameof(RegionGrainsOptions.Provider)}")));
        Assert.Equal("$(ORLEANS_SERVICE_ID)", Value(env, ToVariable($"{RegionGrainsOptions.Section}:{nameof(RegionGrainsOptions.ServiceId)}")));
        Assert.Equal("$(ORLEANS_CLUSTER_ID)", Value(env, ToVariable($"{RegionGrainsOptions.Section}:{nameof(RegionGrainsOptions.ClusterId)}")));
        Assert.Equal("$(POD_IP)", Value(env, ToVariable($"{RegionGrainsOptions.Section}:{nameof(RegionGrainsOptions.AdvertisedAddress)}")));
        Assert.Equal("$(POD_NAME)", Value(env, ToVariable($"{RegionGrainsOptions.Section}:{nameof(RegionGrainsOptions.SiloName)}")));
        AssertSecret(env, PostgreSqlConnection.EnvironmentVariable);

        // A variable that refers to another must come after it, or Kubernetes leaves "$(NAME)" as it is.
        var order = env.Select(e => e.Name).ToList();
        foreach (var (name, value) in env.Where(e => e.Value is not null).Select(e => (e.Name, e.Value!)))
        {
            foreach (var referenced in order.Where(n => value.Contains($"$({n})", StringComparison.Ordinal)))
            {
                Assert.True(order.IndexOf(referenced) < order.IndexOf(name), $"{name} refers to {referenced}, which is defined after it.");
            }
        }

        AssertProbesAndResources(container);
        Assert.Equal("regiongrains-silo", template.GetProperty("spec").GetProperty("serviceAccountName").GetString());
    }

    [KubernetesToolsFact]
    public void TheSiloServiceAccountMayDoWithPodsWhatOrleansKubernetesHostingDoes()
    {
        var objects = Render();
        var role = Single(objects, "Role", "regiongrains-silo");
        var verbs = role.GetProperty("rules").EnumerateArray()
            .Where(r => r.GetProperty("resources").EnumerateArray().Any(x => x.GetString() == "pods"))
            .SelectMany(r => r.GetProperty("verbs").EnumerateArray().Select(v => v.GetString()))
            .ToHashSet();
        Assert.Superset(new HashSet<string?> { "get", "list", "watch", "patch" }, verbs);

        var binding = Single(objects, "RoleBinding", "regiongrains-silo");
        Assert.Equal("regiongrains-silo", binding.GetProperty("roleRef").GetProperty("name").GetString());
        Assert.Contains(binding.GetProperty("subjects").EnumerateArray(), s => s.GetProperty("kind").GetString() == "ServiceAccount" && s.GetProperty("name").GetString() == "regiongrains-silo");

        var budget = Single(objects, "PodDisruptionBudget", "regiongrains-silo");
        var selected = budget.GetProperty("spec").GetProperty("selector").GetProperty("matchLabels");
        var podLabels = Single(objects, "Deployment", "regiongrains-silo").GetProperty("spec").GetProperty("template").GetProperty("metadata").GetProperty("labels");
        foreach (var label in selected.EnumerateObject())
        {
            Assert.Equal(label.Value.GetString(), podLabels.GetProperty(label.Name).GetString());
        }
    }

    [KubernetesToolsFact]
    public void TheGatewayPodsReachTheClusterAsClientsBehindAService()
    {
        var objects = Render();
        var gateway = Single(objects, "Deployment", "regiongrains-gateway");
        var template = gateway.GetProperty("spec").GetProperty("template");
        var container = template.GetProperty("spec").GetProperty("containers")[0];
        var env = Environment(container);
        Assert.Equal("Client", Value(env, "RegionGrains__Gateway__Mode"));

        // It listens beyond loopback, which it refuses without authentication: a key's hash, from a Secret only.
        AssertSecret(env, "RegionGrains__Auth__ApiKeys__operator__Hash");
        Assert.DoesNotContain(env, e => e.Name == "RegionGrains__Auth__Mode" && e.Value == "None");
        Assert.Equal(new PostgreSqlClusterStore().Name, Value(env, "RegionGrains__Provider"));
        AssertSecret(env, PostgreSqlConnection.EnvironmentVariable);

        // The same service and cluster ids as the silos' pod labels, or the gateways would find no silo.
        var siloLabels = Single(objects, "Deployment", "regiongrains-silo").GetProperty("spec").GetProperty("template").GetProperty("metadata").GetProperty("labels");
        Assert.Equal(siloLabels.GetProperty("orleans/serviceId").GetString(), Value(env, "RegionGrains__ServiceId"));
        Assert.Equal(siloLabels.GetProperty("orleans/clusterId").GetString(), Value(env, "RegionGrains__ClusterId"));
        AssertProbesAndResources(container);

        var service = Single(objects, "Service", "regiongrains-gateway");
        var podLabels = template.GetProperty("metadata").GetProperty("labels");
        foreach (var label in service.GetProperty("spec").GetProperty("selector").EnumerateObject())
        {
            Assert.Equal(label.Value.GetString(), podLabels.GetProperty(label.Name).GetString());
        }
    }

    private static void AssertProbesAndResources(JsonElement container)
    {
        Assert.Equal("/health/live", container.GetProperty("livenessProbe").GetProperty("httpGet").GetProperty("path").GetString());
        Assert.Equal("/health/ready", container.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("path").GetString());
        var requests = container.GetProperty("resources").GetProperty("requests");
        Assert.True(requests.TryGetProperty("cpu", out _) && requests.TryGetProperty("memory", out _), "The container requests CPU and memory.");
    }

    private static void AssertSecret(List<(string Name, string? Value, JsonElement? From)> env, string name)
    {
        var from = env.Single(e => e.Name == name).From;
        Assert.True(from is { } source && source.TryGetProperty("secretKeyRef", out _), $"{name} must come from a Secret, never a literal value.");
    }

    private static string ToVariable(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    private static string Value(List<(string Name, string? Value, JsonElement? From)> env, string name)
    {
        var entry = env.SingleOrDefault(e => e.Name == name);
        Assert.True(entry.Name is not null, $"The manifest does not set {name}.");
        return entry.Value ?? throw new Xunit.Sdk.XunitException($"{name} has no literal value.");
    }

    private static string? FieldRef(List<(string Name, string? Value, JsonElement? From)> env, string name)
    {
        var entry = env.SingleOrDefault(e => e.Name == name);
        Assert.True(entry.Name is not null, $"The manifest does not set {name}.");
        return entry.From?.GetProperty("fieldRef").GetProperty("fieldPath").GetString();
    }

    private static List<(string Name, string? Value, JsonElement? From)> Environment(JsonElement container) =>
        container.GetProperty("env").EnumerateArray()
            .Select(e => (
                e.GetProperty("name").GetString()!,
                e.TryGetProperty("value", out var value) ? value.GetString() : null,
                e.TryGetProperty("valueFrom", out var from) ? (JsonElement?)from : null))
            .ToList();

    private static JsonElement Single(JsonElement[] objects, string kind, string name) =>
        objects.Single(o => o.GetProperty("kind").GetString() == kind && o.GetProperty("metadata").GetProperty("name").GetString() == name);

    private static JsonElement[] Render()
    {
        var rendered = Run("kubectl", ["kustomize", Manifests]);
        var json = Run("node", [Path.Combine(Validator, "to-json.mjs")], rendered);
        return JsonDocument.Parse(json).RootElement.EnumerateArray().ToArray();
    }

    private static string Run(string file, string[] arguments, string? input = null) => Run(file, arguments, input, allowFailure: false).Output;

    private static (int ExitCode, string Output) Run(string file, string[] arguments, string? input, bool allowFailure)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Validator,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input ?? "");
        process.StandardInput.Close();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), $"{file} did not finish within 60 s.");
        if (!allowFailure && process.ExitCode != 0)
        {
            Assert.Fail($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}
