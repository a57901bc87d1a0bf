using System.Diagnostics;
using System.Globalization;

namespace RegionGrains.Consistency.Tests.Infrastructure;

/// <summary>Sends a POSIX signal to one process the test started, by its id.</summary>
public static class Signals
{
    public static async Task SendAsync(int processId, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", processId.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        Assert.True(kill.ExitCode == 0, $"kill -{signal} {processId} exited with {kill.ExitCode}");
    }
}
