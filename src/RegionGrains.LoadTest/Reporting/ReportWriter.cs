using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RegionGrains.LoadTest.Reporting;

/// <summary>Writes a report as JSON and, beside it, as a Markdown summary (.md) and an HTML page with charts (.html).</summary>
public static class ReportWriter
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes the three files; returns the paths of the Markdown and HTML ones.</summary>
    public static async Task<(string Markdown, string Html)> WriteAsync(RunReport report, string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, JsonSerializer.Serialize(report, Json) + "\n", cancellationToken);
        var markdown = Path.ChangeExtension(full, ".md");
        await File.WriteAllTextAsync(markdown, ToMarkdown(report), cancellationToken);
        var html = Path.ChangeExtension(full, ".html");
        await File.WriteAllTextAsync(html, Html.HtmlReport.Render(report), cancellationToken);
        return (markdown, html);
    }

    public static string ToMarkdown(RunReport report)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Load test: {report.Scenario}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Settings: `{string.Join(' ', Fields(report.Settings).Select(s => $"{s.Name}={s.Value}"))}`\n\n");
        md.Append("| metric | value |\n|---|---|\n");
        foreach (var (name, value) in ResultTable.Rows(report))
        {
            md.Append(CultureInfo.InvariantCulture, $"| {name} | {value} |\n");
        }

        md.Append("\n## Invariants\n\n| check | passed | checked | violations | detail |\n|---|---|---|---|---|\n");
        foreach (var (name, check) in report.Invariants.Checks)
        {
            var passed = check.Passed switch { true => "yes", false => "**no**", null => "not applicable" };
            md.Append(CultureInfo.InvariantCulture, $"| {name} | {passed} | {check.Checked} | {check.Violations} | {check.Detail.Replace("|", "/", StringComparison.Ordinal)} |\n");
        }

        if (report.Agents is { } agents)
        {
            md.Append("\n## Agents\n\n| ").AppendJoin(" | ", AgentTable.Header).Append(" |\n|").AppendJoin("|", AgentTable.Header.Select(_ => "---")).Append("|\n");
            foreach (var row in AgentTable.Rows(agents))
            {
                md.Append("| ").AppendJoin(" | ", row).Append(" |\n");
            }
        }

        if (report.Thresholds.Count > 0)
        {
            md.Append("\n## Thresholds\n\n| threshold | outcome | measured |\n|---|---|---|\n");
            foreach (var threshold in report.Thresholds)
            {
                var outcome = threshold.Held ? threshold.Outcome : $"**{threshold.Outcome}**";
                md.Append(CultureInfo.InvariantCulture, $"| `{threshold.Threshold}` | {outcome} | {threshold.Detail.Replace("|", "/", StringComparison.Ordinal)} |\n");
            }
        }

        if (report.Details is not null)
        {
            md.Append("\n## Details\n\n```json\n").Append(JsonSerializer.Serialize(report.Details, Json)).Append("\n```\n");
        }

        return md.ToString();
    }

    /// <summary>The top-level numbers, strings and nulls of a typed record, by their JSON names, formatted for people.</summary>
    internal static IEnumerable<(string Name, string Value)> Fields(object? record)
    {
        if (record is null)
        {
            yield break;
        }

        foreach (var property in JsonSerializer.SerializeToElement(record, record.GetType(), Json).EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Number:
                    var d = property.Value.GetDouble();
                    yield return (property.Name, d.ToString(Math.Abs(d) is > 0 and < 0.001 ? "0.###e+0" : "0.###", CultureInfo.InvariantCulture));
                    break;
                case JsonValueKind.String:
                    yield return (property.Name, property.Value.GetString()!);
                    break;
                case JsonValueKind.Null:
                    yield return (property.Name, "-");
                    break;
            }
        }
    }
}
