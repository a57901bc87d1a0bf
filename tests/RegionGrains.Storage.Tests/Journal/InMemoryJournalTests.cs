using RegionGrains.Journal;

namespace RegionGrains.Storage.Tests.Journal;

/// <summary>The in-memory journal keeps the same contract, durability aside: "reopening" returns the same instance.</summary>
public sealed class InMemoryJournalTests : JournalContractTests
{
    private readonly InMemoryJournalStorage _storage = new();

    protected override IJournalStorage Storage => _storage;

    protected override Task<IJournalStorage> ReopenAsync() => Task.FromResult<IJournalStorage>(_storage);
}
