using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace RegionGrains.ServiceDefaults.Startup;

/// <summary>
/// Reads an enum setting by its members' names only, in any casing as configuration keys are, the way the API reads
/// enums. The configuration binder would take a number ("5" becomes a member the code does not know) and refuse a
/// misspelt name with CLR type names; here either stops the process at start-up with one line listing the names.
/// </summary>
public static class EnumSetting
{
    /// <summary>The member <paramref name="key"/> names, or <paramref name="defaultValue"/> when it is not set.</summary>
    /// <exception cref="OptionsValidationException">The value names no member.</exception>
    public static T Read<T>(IConfiguration configuration, string key, T defaultValue)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[key] is not { } value)
        {
            return defaultValue;
        }

        return TryParse<T>(value, out var parsed) ? parsed : throw new OptionsValidationException(key, typeof(T), [Problem<T>(key, value)]);
    }

    /// <summary>What is wrong with the value of <paramref name="key"/>, or null when it is not set or names a member.</summary>
    public static string? Check<T>(IConfiguration configuration, string key)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[key] is { } value && !TryParse<T>(value, out _) ? Problem<T>(key, value) : null;
    }

    private static bool TryParse<T>(string value, out T parsed)
        where T : struct, Enum
    {
        foreach (var name in Enum.GetNames<T>())
        {
            if (name.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                parsed = Enum.Parse<T>(name);
                return true;
            }
        }

        parsed = default;
        return false;
    }

    private static string Problem<T>(string key, string value)
        where T : struct, Enum =>
        $"{key} is '{value}'; it is one of {string.Join(", ", Enum.GetNames<T>())}.";
}
