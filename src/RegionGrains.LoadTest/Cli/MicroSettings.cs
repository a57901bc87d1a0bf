using System.ComponentModel;
using Spectre.Console.Cli;

namespace RegionGrains.LoadTest.Cli;

/// <summary>Options of <c>micro</c>.</summary>
public sealed class MicroSettings : CommandSettings
{
    [CommandOption("--filter <GLOB>")]
    [Description("Benchmarks to run, by BenchmarkDotNet glob on the full name, e.g. *Sums*.")]
    [DefaultValue("*")]
    public string Filter { get; set; } = "*";

    [CommandOption("--full")]
    [Description("BenchmarkDotNet's default job (more iterations, tighter intervals) instead of its short run.")]
    public bool Full { get; set; }

    [CommandOption("--list")]
    [Description("List the benchmarks and stop.")]
    public bool List { get; set; }

    [CommandOption("--artifacts <DIR>")]
    [Description("Where BenchmarkDotNet writes its reports.")]
    [DefaultValue("BenchmarkDotNet.Artifacts")]
    public string Artifacts { get; set; } = "BenchmarkDotNet.Artifacts";
}
