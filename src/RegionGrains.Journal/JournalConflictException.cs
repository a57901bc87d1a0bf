namespace RegionGrains.Journal;

/// <summary>
/// An append was refused because the stream moved on since the writer read it: another activation of the same
/// region wrote first. Nothing of the refused append was stored.
/// </summary>
public sealed class JournalConflictException : Exception
{
    public JournalConflictException()
    {
    }

    public JournalConflictException(string message)
        : base(message)
    {
    }

    public JournalConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="stream"/>, saying which head was expected and which was found.</summary>
    public static JournalConflictException For(string stream, long expectedHead, long? actualHead) =>
        new($"Journal stream '{stream}' is not at version {expectedHead}" +
            (actualHead is { } actual ? $" but at {actual}" : string.Empty) +
            "; another writer appended first.");
}
