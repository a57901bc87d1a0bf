namespace RegionGrains.Journal.Stores;

/// <summary>
/// A store the cluster can keep its membership, journal and reminders in (SQLite, Redis, PostgreSQL). Each store
/// project implements it once, on the class it registers with Orleans as the cluster's clustering provider
/// (<c>[assembly: RegisterProvider("RegionGrains.&lt;Name&gt;", "Clustering", "Silo" | "Client", typeof(...))]</c>), so
/// the hosting code finds every store the process carries, and what each store's failures mean, without naming any.
/// </summary>
public interface IClusterStore
{
    /// <summary>The name <c>RegionGrains:Provider</c> selects the store by, e.g. <c>Sqlite</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Whether <paramref name="exception"/> (one link of a failure's chain, told by its type) says that this store is
    /// unreachable or cannot serve right now, so that a caller may retry shortly (a 503).
    /// </summary>
    bool IsUnavailable(Exception exception);

    /// <summary>
    /// The one-line explanation, for an operator, of a start-up failure caused by this store (which setting names it
    /// and what to check), or null when <paramref name="exception"/> is not this store's.
    /// </summary>
    string? ExplainStartupFailure(Exception exception);
}
