namespace RegionGrains.LoadTest.Cli;

/// <summary>A command line the load tester refuses before anything runs; its message is the whole explanation.</summary>
public sealed class CommandLineException(string message) : Exception(message);
