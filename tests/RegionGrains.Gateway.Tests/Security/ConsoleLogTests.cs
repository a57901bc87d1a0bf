using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using RegionGrains.ServiceDefaults.Logging;

namespace RegionGrains.Gateway.Tests.Security;

/// <summary>
/// The console log keeps one entry one entry: a value from a request that holds a line break, a terminal escape or a
/// bidirectional control is written escaped, so that it cannot forge a line that reads as the gateway's own.
/// </summary>
public sealed class ConsoleLogTests
{
    [Theory]
    [InlineData("alice\r\ninfo: RegionGrains.Gateway.Audit.AuditLog[0]", "alice\\r\\ninfo: RegionGrains.Gateway.Audit.AuditLog[0]")]
    [InlineData("a\u2028b\u2029c\u0085d", "a\\u2028b\\u2029c\\u0085d")]
    [InlineData("\u001b[31mred\u001b[0m", "\\u001B[31mred\\u001B[0m")]
    [InlineData("\u202Eevil\u2066", "\\u202Eevil\\u2066")]
    [InlineData("São Paulo 東京 🚀", "São Paulo 東京 🚀")]
    public void AValueWithLineBreaksOrControlsStaysOnItsEntrysLine(string value, string written)
    {
        var output = Format(LogLevel.Information, $"{value} defined fr-paris", exception: null);

        Assert.Equal($"info: RegionGrains.Gateway.Audit.AuditLog[0]\n      {written} defined fr-paris\n", output);
    }

    [Fact]
    public void AnExceptionFollowsIndentedSoThatNoLineOfItStartsAnEntry()
    {
        var output = Format(LogLevel.Error, "GET /api failed", new InvalidOperationException("bad\ninfo: forged"));

        var lines = output.TrimEnd('\n').Split('\n');
        Assert.StartsWith("fail: ", lines[0], StringComparison.Ordinal);
        Assert.All(lines[1..], line => Assert.StartsWith("      ", line, StringComparison.Ordinal));
    }

    private static string Format(LogLevel level, string message, Exception? exception)
    {
        var formatter = new SingleEntryConsoleFormatter(new StaticOptions());
        using var writer = new StringWriter();
        var entry = new LogEntry<string>(level, "RegionGrains.Gateway.Audit.AuditLog", new EventId(0), message, exception, (state, _) => state);
        formatter.Write(entry, null, writer);
        return writer.ToString();
    }

    private sealed class StaticOptions : IOptionsMonitor<ConsoleFormatterOptions>
    {
        public ConsoleFormatterOptions CurrentValue { get; } = new();

        public ConsoleFormatterOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<ConsoleFormatterOptions, string?> listener) => null;
    }
}
