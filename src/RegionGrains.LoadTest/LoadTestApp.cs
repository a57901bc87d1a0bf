using RegionGrains.LoadTest.Commands;

namespace RegionGrains.LoadTest;

/// <summary>The command line: one command per scenario.</summary>
public static class LoadTestApp
{
    public const string Name = "regiongrains-loadtest";

    /// <summary>Runs a command line, a <c>--scenario</c> file's options included (<see cref="ScenarioFile"/>).</summary>
    /// <param name="args">The command line.</param>
    /// <param name="console">Where the run writes (the process's console when null).</param>
    /// <param name="hooks">An agent's coordination points (<see cref="IRunHooks"/>); a run on its own when null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole? console = null, IRunHooks? hooks = null, CancellationToken cancellationToken = default)
    {
        string[] expanded;
        try
        {
            expanded = ScenarioFile.Expand(args);
        }
        catch (CommandLineException exception)
        {
            return CommandLineErrors.Handle(console ?? AnsiConsole.Console, exception);
        }

        return await Create(console, hooks).RunAsync(expanded, cancellationToken);
    }

    public static CommandApp Create(IAnsiConsole? console = null, IRunHooks? hooks = null)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName(Name);
            if (console is not null)
            {
                config.ConfigureConsole(console);
            }

            // An option the command does not have is an error (UnknownOptionGuard says why not Spectre's strict mode).
            config.Settings.Registrar.RegisterInstance<ICommandInterceptor>(new UnknownOptionGuard());
            config.Settings.Registrar.RegisterInstance<IRunHooks>(hooks ?? StandaloneRun.Instance);
            config.SetHelpProvider(new LoadTestHelpProvider(config.Settings));
            config.SetExceptionHandler((exception, _) => CommandLineErrors.Handle(console ?? AnsiConsole.Console, exception));

            config.AddCommand<GrainsCommand>("grains")
                .WithDescription("Orleans calls on region grains (in-process silo, or --cluster), against an empty ping grain in the same run.")
                .WithExample("grains", "--regions", "1000", "--concurrency", "64", "--duration", "30s", "--report", "grains.json")
                .WithExample("grains", "--mix", "read=100", "--keys", "zipf", "--rate", "20000")
                .WithExample("grains", "--threshold", "'p99<20ms'", "--threshold", "'ratio>=0.5'", "--threshold", "errors==0");
            config.AddCommand<HttpCommand>("http")
                .WithDescription("The same mix over the gateway's HTTP API, against a bare Kestrel JSON endpoint in the same run.")
                .WithExample("http", "--url", "http://127.0.0.1:5080", "--mix", "read=100", "--report", "http.json");
            config.AddCommand<BaselineServerCommand>("baseline-server")
                .WithDescription("The http command's bare Kestrel baseline as a server of its own, for wrk or any other load generator.")
                .WithExample("baseline-server", "--url", "http://127.0.0.1:5182", "--body-from", "http://127.0.0.1:5080/api/regions/br-sao-paulo");
            config.AddCommand<ScaleCommand>("scale")
                .WithDescription("Activate N regions on one silo: activations per second and managed bytes per activation.")
                .WithExample("scale", "--regions", "1000000", "--report", "scale.json");
            config.AddCommand<SeedCommand>("seed")
                .WithDescription("Create N regions in a silo on a data directory that is kept, for a gateway started on it afterwards.")
                .WithExample("seed", "--regions", "1000000", "--data-dir", "/tmp/regions-1m");
            config.AddCommand<BulkCommand>("bulk")
                .WithDescription("Bulk creation against a running gateway: regions/s through POST /api/regions:batch against one PUT at a time, in the same run.")
                .WithExample("bulk", "--url", "http://127.0.0.1:5080", "--regions", "100000", "--put-regions", "10000", "--rounds", "3");
            config.AddCommand<CoordinatorCommand>("coordinator")
                .WithDescription("Region updates at a target rate: footprint staleness and ceiling, beside a naive single coordinator.")
                .WithExample("coordinator", "--rate", "20000", "--concurrency", "512", "--report", "coordinator.json");
            config.AddCommand<EventsCommand>("events")
                .WithDescription("Events out against a running gateway that allows webhook targets on loopback (RegionGrains__Webhooks__AllowedTargets__0=127.0.0.1/32): webhook deliveries per second against the write rate, and stream resume latency against a read, in the same rounds.")
                .WithExample("events", "--url", "http://127.0.0.1:5080", "--regions", "8", "--events", "2000", "--report", "events.json");
            config.AddCommand<SoakCommand>("soak")
                .WithDescription("The mix at half its measured ceiling (or --rate) for an hour on an in-process silo with SQLite: heap after gen-2, p99, open handles and the data files' size sampled, each with its slope; fails when the data files grow past a bound.")
                .WithExample("soak", "--report", "soak.json")
                .WithExample("soak", "--duration", "20s", "--sample-every", "2s", "--rate", "200", "--report", "soak-short.json");
            config.AddCommand<CompareCommand>("compare")
                .WithDescription("Compare two reports: throughput, p50, p99 and ratio to baseline, each change judged against the runs' spread between rounds.")
                .WithExample("compare", "before.json", "after.json", "--html", "compare.html", "--max-regression", "10");
            config.AddCommand<AgentCommand>("agent")
                .WithDescription("Serve as a load agent: a grains or http run with --agents HOST:PORT,... splits its load between agents, starts them at one instant and merges their histograms into one report.")
                .WithExample("agent", "--listen", "127.0.0.1:7301")
                .WithExample("agent", "--listen", "10.0.0.5:7301", "--token", "SECRET");
        });
        return app;
    }
}
