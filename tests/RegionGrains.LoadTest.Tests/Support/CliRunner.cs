using System.Text.Json;
using Spectre.Console;

namespace RegionGrains.LoadTest.Tests.Support;

/// <summary>Runs the load tester's command line in this process with a captured, non-interactive console.</summary>
public sealed class CliRunner : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "regiongrains-loadtest-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public CliRunner() => Directory.CreateDirectory(_directory);

    public string ReportPath(string name) => Path.Combine(_directory, name + ".json");

    /// <summary>A folder inside this runner's temporary directory, removed with it.</summary>
    public string Folder(string name) => Path.Combine(_directory, name);

    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        var exitCode = await LoadTestApp.RunAsync(args, console);
        return (exitCode, writer.ToString());
    }

    public static JsonElement ReadReport(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Leftover temporary files are harmless.
        }
    }
}
