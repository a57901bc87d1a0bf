namespace RegionGrains.Cluster.Tests.Infrastructure;

/// <summary>
/// Marks a test class whose collection takes minutes (many kills and restarts on one cluster). Such collections start
/// first: with two collections running at a time, the short ones then fill the other slot and the run does not end
/// with one long collection running alone.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LongCollectionAttribute : Attribute;

/// <summary>Orders the collections marked <see cref="LongCollectionAttribute"/> first, the rest after them, each group by name.</summary>
public sealed class LongCollectionsFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(collection => IsLong(collection) ? 0 : 1)
            .ThenBy(collection => collection.DisplayName, StringComparer.Ordinal);

    // A class without a [Collection] of its own is its own collection, named "Test collection for <full class name>".
    private static bool IsLong(ITestCollection collection) =>
        collection.DisplayName.Split(' ')[^1] is var name
        && typeof(LongCollectionsFirst).Assembly.GetType(name) is { } type
        && type.IsDefined(typeof(LongCollectionAttribute), inherit: false);
}
