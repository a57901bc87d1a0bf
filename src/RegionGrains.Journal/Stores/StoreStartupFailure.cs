namespace RegionGrains.Journal.Stores;

/// <summary>The wording every store gives a start-up failure of its own, so that all of them read alike.</summary>
public static class StoreStartupFailure
{
    /// <summary>
    /// "Cannot start: <paramref name="store"/> in <paramref name="setting"/> cannot be used: (the client's first
    /// sentence, with the socket error under it). Start it, or correct the setting; …".
    /// </summary>
    public static string Explain(string store, string setting, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return $"Cannot start: {store} in {setting} cannot be used: {Reason(exception)} " +
            $"Start it, or correct {setting}; a silo does not start without its cluster's store.";
    }

    /// <summary>The client's first sentence (clients go on with advice for code), with the inner error's message after it.</summary>
    private static string Reason(Exception exception)
    {
        var message = exception.Message.ReplaceLineEndings(" ").Trim();
        if (message.IndexOf(": ", StringComparison.Ordinal) is > 0 and var prefix && !message[..prefix].Contains(' ', StringComparison.Ordinal) &&
            message[..prefix].Contains('.', StringComparison.Ordinal))
        {
            // "StackExchange.Redis.RedisConnectionException: It was not possible to connect…": a wrapped client's words.
            message = message[(prefix + 2)..];
        }

        var end = message.IndexOf(". ", StringComparison.Ordinal);
        var first = (end < 0 ? message : message[..end]).TrimEnd('.');
        return exception.InnerException is { } inner && !string.IsNullOrWhiteSpace(inner.Message) && !first.Contains(inner.Message, StringComparison.Ordinal)
            ? $"{first} ({inner.Message.TrimEnd('.')})."
            : $"{first}.";
    }
}
