using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// BenchmarkDotNet's command line (--filter, --list flat, --artifacts, ...), run in this process so that no project is
// generated and built per benchmark. The short job unless --full asks for BenchmarkDotNet's default one; every
// benchmark unless --filter or --list narrows it (BenchmarkDotNet would otherwise ask on the console). Build in
// Release: BenchmarkDotNet refuses to measure a Debug build.
var full = args.Contains("--full", StringComparer.Ordinal);
string[] rest = [.. args.Where(a => a != "--full")];
if (!rest.Any(a => a is "--filter" or "-f" or "--list"))
{
    rest = [.. rest, "--filter", "*"];
}

var job = (full ? Job.Default : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance);
var config = DefaultConfig.Instance.AddJob(job);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
