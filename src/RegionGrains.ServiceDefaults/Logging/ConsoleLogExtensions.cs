using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace RegionGrains.ServiceDefaults.Logging;

/// <summary>The console log of every process: <see cref="SingleEntryConsoleFormatter"/> unless configuration names another formatter.</summary>
public static class ConsoleLogExtensions
{
    public static WebApplicationBuilder AddRegionGrainsConsoleLog(this WebApplicationBuilder builder)
    {
        builder.Logging.AddConsoleFormatter<SingleEntryConsoleFormatter, ConsoleFormatterOptions>();
        // Runs after the binding of Logging:Console, so a formatter named there (json, systemd) still wins.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName ??= SingleEntryConsoleFormatter.FormatterName);
        return builder;
    }
}
