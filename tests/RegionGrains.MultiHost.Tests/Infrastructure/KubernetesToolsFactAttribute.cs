using System.Reflection;

namespace RegionGrains.MultiHost.Tests.Infrastructure;

/// <summary>
/// A fact that needs kubectl (its built-in kustomize), node and the validator's packages
/// (<c>npm ci</c> in deploy/kubernetes/validate, which .ci/run does): skipped locally with what is missing, run (and
/// failing) in CI.
/// </summary>
public sealed class KubernetesToolsFactAttribute : FactAttribute
{
    private static readonly string[] Tools = ["kubectl", "node"];

    public KubernetesToolsFactAttribute()
    {
        if (Netns.IsCi)
        {
            return;
        }

        var path = (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':');
        var missing = Tools.Where(tool => !path.Any(d => File.Exists(Path.Combine(d, tool)))).ToList();
        var root = typeof(KubernetesToolsFactAttribute).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        if (!Directory.Exists(Path.Combine(root, "deploy", "kubernetes", "validate", "node_modules", "kubernetes-models")))
        {
            missing.Add("deploy/kubernetes/validate/node_modules (run: npm ci --prefix deploy/kubernetes/validate)");
        }

        if (missing.Count > 0)
        {
            Skip = $"Missing {string.Join(", ", missing)}; these tests render and validate deploy/kubernetes offline. Never skipped in CI (CI=true): there they run, and fail if a tool is missing.";
        }
    }
}
