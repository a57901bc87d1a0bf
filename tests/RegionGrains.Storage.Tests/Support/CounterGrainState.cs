using System.Diagnostics.CodeAnalysis;

namespace RegionGrains.Storage.Tests.Support;

/// <summary>What an activation holds between storage calls, with a non-nullable state so tests read cleanly.</summary>
public sealed class CounterGrainState : IGrainState<CounterState>
{
    private CounterState _state = new();

    [AllowNull]
    public CounterState State
    {
        get => _state;
        set => _state = value ?? throw new InvalidOperationException("Storage set a null state; providers must create a new one instead.");
    }

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
