namespace RegionGrains.LoadTest.Tests.Support;

/// <summary>Files of the repository the tests run from, such as the sample scenario the docs point to.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string SampleScenario => Path.Combine(Root, "docs", "scenarios", "grains-ramp.json");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RegionGrains.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No RegionGrains.sln above {AppContext.BaseDirectory}.");
    }
}
