namespace RegionGrains.Journal.Stores;

/// <summary>
/// Rows a store holds in the whole-state format: one encoded state per grain, keyed by storage name, state name and
/// grain id. Only a store whose files can be in that format registers it (the SQLite store); a silo converts the rows into journal streams once, at start-up, and then removes them
/// (<c>WholeStateMigration</c> in RegionGrains.Grains), so nothing after start-up reads this format.
/// </summary>
public interface IWholeStateRows
{
    /// <summary>The rows of this service under <paramref name="storageName"/> and <paramref name="stateName"/>; none when the store has no such rows.</summary>
    Task<IReadOnlyList<WholeStateRow>> ReadAsync(string storageName, string stateName, CancellationToken cancellationToken = default);

    /// <summary>Removes every whole-state row, once all are converted, so that later starts find nothing to convert.</summary>
    Task RemoveAllAsync(CancellationToken cancellationToken = default);
}

/// <summary>One whole-state row.</summary>
/// <param name="GrainId">The grain's id as Orleans prints it, <c>{type}/{key}</c> (an integer key in hexadecimal).</param>
/// <param name="Payload">The state, encoded with Orleans' serializer.</param>
public sealed record WholeStateRow(string GrainId, byte[] Payload);
