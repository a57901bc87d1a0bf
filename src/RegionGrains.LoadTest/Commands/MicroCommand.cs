using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using RegionGrains.LoadTest.Cli;
using RegionGrains.LoadTest.Micro;
using Spectre.Console.Cli;

namespace RegionGrains.LoadTest.Commands;

/// <summary>
/// BenchmarkDotNet microbenchmarks of the hot paths, run in this process (no generated project to build).
/// Build in Release: BenchmarkDotNet refuses to measure a Debug build.
/// </summary>
public sealed class MicroCommand : Command<MicroSettings>
{
    public static Type[] Benchmarks { get; } =
        [typeof(RegionRulesBenchmarks), typeof(FootprintBenchmarks), typeof(SerializationBenchmarks), typeof(JournalLayoutBenchmarks), typeof(MembershipTableBenchmarks)];

    public override int Execute(CommandContext context, MicroSettings settings, CancellationToken cancellationToken)
    {
        var job = (settings.Full ? Job.Default : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance);
        var config = DefaultConfig.Instance.AddJob(job).WithArtifactsPath(Path.GetFullPath(settings.Artifacts));
        string[] args = settings.List ? ["--list", "flat", "--filter", settings.Filter] : ["--filter", settings.Filter];
        var summaries = BenchmarkSwitcher.FromTypes(Benchmarks).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? ExitCodes.Failed : ExitCodes.Passed;
    }
}
