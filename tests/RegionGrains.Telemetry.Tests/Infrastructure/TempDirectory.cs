namespace RegionGrains.Telemetry.Tests.Infrastructure;

internal static class TempDirectory
{
    public static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A database file still closing: the temp folder is left for the OS to clean.
        }
    }
}
