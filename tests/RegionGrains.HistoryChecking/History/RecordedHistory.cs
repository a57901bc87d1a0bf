using System.Text.Json;
using System.Text.Json.Serialization;

namespace RegionGrains.HistoryChecking.History;

/// <summary>
/// A whole recording: each region's starting state, every operation, and the fault timeline. Stored as JSON lines,
/// one object per line with one of <c>region</c>, <c>op</c> or <c>fault</c> set, so a long history can be read with
/// <c>grep</c> and <c>jq</c>.
/// </summary>
public sealed record RecordedHistory(IReadOnlyList<RegionStart> Regions, IReadOnlyList<HistoryOp> Ops, IReadOnlyList<FaultEvent> Faults)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path);
        foreach (var region in Regions)
        {
            writer.WriteLine(JsonSerializer.Serialize(new Line { Region = region }, Json));
        }

        foreach (var fault in Faults)
        {
            writer.WriteLine(JsonSerializer.Serialize(new Line { Fault = fault }, Json));
        }

        foreach (var op in Ops)
        {
            writer.WriteLine(JsonSerializer.Serialize(new Line { Op = op }, Json));
        }
    }

    public static RecordedHistory Load(string path)
    {
        var regions = new List<RegionStart>();
        var ops = new List<HistoryOp>();
        var faults = new List<FaultEvent>();
        foreach (var text in File.ReadLines(path).Where(l => l.Length > 0))
        {
            var line = JsonSerializer.Deserialize<Line>(text, Json)!;
            if (line.Region is { } region)
            {
                regions.Add(region);
            }
            else if (line.Op is { } op)
            {
                ops.Add(op);
            }
            else if (line.Fault is { } fault)
            {
                faults.Add(fault);
            }
        }

        return new RecordedHistory(regions, ops, faults);
    }

    private sealed record Line
    {
        public RegionStart? Region { get; init; }

        public HistoryOp? Op { get; init; }

        public FaultEvent? Fault { get; init; }
    }
}
