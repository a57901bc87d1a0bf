using Microsoft.Extensions.Options;
using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;
using Orleans.Providers;
using RegionGrains.Grains.Regions;
using RegionGrains.Grains.Regions.Changes;
using RegionGrains.Grains.Regions.Journal;
using RegionGrains.Journal;

namespace RegionGrains.Benchmarks.EventSourcing;

/// <summary>
/// The same writes as <see cref="HandWrittenRegionGrain"/> through <c>JournaledGrain</c>: the rules decide, the grain
/// raises the decision's changes as conditional events and waits for their outcome; the custom-storage provider
/// appends them through the same <see cref="RegionJournal"/> with the version it holds, then applies each to its view.
/// </summary>
[LogConsistencyProvider(ProviderName = ProviderName)]
internal sealed class JournaledRegionGrain(RegionJournal journal, IOptions<RegionGrainOptions> options)
    : JournaledGrain<RegionView, RegionChange>, IJournaledRegionGrain, ICustomStorageInterface<RegionView, RegionChange>
{
    public const string ProviderName = "CustomStorage";

    private readonly RegionRules _rules = new(options.Value);

    public Task DefineAsync(long racks) => CommitAsync(RegionWrites.Define(_rules, State.Current, racks));

    public Task<bool> ReserveAsync(string reservationId) => CommitAsync(RegionWrites.Reserve(_rules, State.Current, reservationId));

    public Task<bool> ReleaseAsync(string reservationId) => CommitAsync(RegionWrites.Release(_rules, State.Current, reservationId));

    public async Task<KeyValuePair<int, RegionView>> ReadStateFromStorage()
    {
        var (state, _) = await journal.LoadAsync(this.GetPrimaryKeyString());
        return new((int)state.Version, new RegionView { Current = state });
    }

    public async Task<bool> ApplyUpdatesToStorage(IReadOnlyList<RegionChange> updates, int expectedversion)
    {
        try
        {
            await journal.AppendAsync(this.GetPrimaryKeyString(), expectedversion, updates);
            return true;
        }
        catch (JournalConflictException)
        {
            return false;
        }
    }

    public Task ClearStoredState() => throw new NotSupportedException("A region's journal is never cleared.");

    // The default looks up an Apply method on the state through `dynamic`; the rules already have the one Apply.
    protected override void TransitionState(RegionView state, RegionChange @event) => state.Current = _rules.Apply(state.Current, @event);

    private async Task<bool> CommitAsync(RegionDecision decision)
    {
        if (decision is not { Next: not null, Changes: { Count: > 0 } changes })
        {
            return false;
        }

        // Conditional, as the decision was taken on this version: an unconditional event would be appended again on
        // top of whatever another writer stored, without the rules seeing that state.
        return await RaiseConditionalEvents(changes);
    }
}
