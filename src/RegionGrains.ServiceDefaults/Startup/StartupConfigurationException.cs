namespace RegionGrains.ServiceDefaults.Startup;

/// <summary>A setting the process cannot start with; its message says what to set. See <see cref="StartupErrors"/>.</summary>
public sealed class StartupConfigurationException : Exception
{
    public StartupConfigurationException()
    {
    }

    public StartupConfigurationException(string message)
        : base(message)
    {
    }

    public StartupConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
