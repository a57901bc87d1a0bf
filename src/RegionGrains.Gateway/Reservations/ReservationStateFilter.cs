using System.Collections.Immutable;
using RegionGrains.Abstractions.Regions;

namespace RegionGrains.Gateway.Reservations;

/// <summary>The <c>state</c> filter of the reservation list: state names, comma-separated, where Ended stands for the three ways to end.</summary>
internal static class ReservationStateFilter
{
    private static readonly ImmutableArray<ReservationState> Ended = [ReservationState.Released, ReservationState.Expired, ReservationState.Cancelled, ReservationState.Lapsed];

    /// <summary>The states asked for: empty when <paramref name="text"/> is absent (the default), default (not empty) when it is not valid.</summary>
    public static ImmutableArray<ReservationState> Parse(string? text)
    {
        if (text is null)
        {
            return [];
        }

        var states = ImmutableArray.CreateBuilder<ReservationState>();
        foreach (var name in text.Split(','))
        {
            if (name == "Ended")
            {
                states.AddRange(Ended);
            }
            else if (RegionValidation.TryParseExact<ReservationState>(name, out var state))
            {
                states.Add(state);
            }
            else
            {
                return default;
            }
        }

        return states.Distinct().ToImmutableArray();
    }
}
