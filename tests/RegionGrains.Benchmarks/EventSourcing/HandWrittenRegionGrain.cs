using Microsoft.Extensions.Options;
using RegionGrains.Grains.Regions;
using RegionGrains.Grains.Regions.Journal;

namespace RegionGrains.Benchmarks.EventSourcing;

/// <summary>
/// The commit path of <c>RegionGrain</c> without its telemetry, footprint and reminders: the rules decide the next
/// state, <see cref="RegionJournal"/> appends its changes on top of the version this activation holds, and only then
/// is the next state kept.
/// </summary>
internal sealed class HandWrittenRegionGrain(RegionJournal journal, IOptions<RegionGrainOptions> options) : Grain, IHandWrittenRegionGrain
{
    private readonly RegionRules _rules = new(options.Value);
    private RegionState _state = RegionState.Empty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        (_state, _) = await journal.LoadAsync(this.GetPrimaryKeyString(), cancellationToken);

    public Task DefineAsync(long racks) => CommitAsync(RegionWrites.Define(_rules, _state, racks));

    public Task<bool> ReserveAsync(string reservationId) => CommitAsync(RegionWrites.Reserve(_rules, _state, reservationId));

    public Task<bool> ReleaseAsync(string reservationId) => CommitAsync(RegionWrites.Release(_rules, _state, reservationId));

    private async Task<bool> CommitAsync(RegionDecision decision)
    {
        if (decision is not { Next: { } next, Changes: { Count: > 0 } changes })
        {
            return false;
        }

        await journal.AppendAsync(this.GetPrimaryKeyString(), _state.Version, changes);
        _state = next;
        return true;
    }
}
