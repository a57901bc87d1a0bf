namespace RegionGrains.LoadTest;

/// <summary>Entry point of <c>regiongrains-loadtest</c>.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => LoadTestApp.Create().RunAsync(args);
}
