using Microsoft.Extensions.DependencyInjection;
using RegionGrains.Journal;

namespace RegionGrains.Hosting.Orleans;

/// <summary>Registers the in-memory <see cref="IJournalStorage"/> under a name (the grains resolve it as a keyed service).</summary>
public static class InMemoryJournalExtensions
{
    /// <summary>Journal streams in this process's memory only (tests, load-test runs without a disk).</summary>
    public static ISiloBuilder AddInMemoryJournal(this ISiloBuilder silo, string name)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddKeyedSingleton<IJournalStorage>(name, (_, _) => new InMemoryJournalStorage());
        return silo;
    }
}
