using System.Globalization;

namespace RegionGrains.LoadTest.Workload;

/// <summary>Weighted choice among operation kinds, written as <c>read=80,reserve=15,status=5</c>.</summary>
public sealed class OperationMix
{
    private readonly OperationKind[] _kinds;
    private readonly int[] _cumulative;

    private OperationMix(IReadOnlyDictionary<OperationKind, int> weights)
    {
        Weights = weights;
        _kinds = [.. weights.Where(w => w.Value > 0).Select(w => w.Key)];
        _cumulative = new int[_kinds.Length];
        var sum = 0;
        for (var i = 0; i < _kinds.Length; i++)
        {
            sum += weights[_kinds[i]];
            _cumulative[i] = sum;
        }

        TotalWeight = sum;
    }

    /// <summary>Weight of each kind as given (kinds not named have weight 0).</summary>
    public IReadOnlyDictionary<OperationKind, int> Weights { get; }

    public int TotalWeight { get; }

    /// <summary>Every kind as <c>--mix</c> and <c>--threshold</c> accept it: "read, reserve, status, …".</summary>
    public static string KindNames { get; } = string.Join(", ", Enum.GetNames<OperationKind>().Select(n => n.ToLowerInvariant()));

    public static OperationMix Parse(string text) =>
        TryParse(text, out var mix, out var error) ? mix : throw new FormatException(error);

    public static bool TryParse(string? text, out OperationMix mix, out string error)
    {
        mix = null!;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The mix is empty; write it as read=80,reserve=15,status=5.";
            return false;
        }

        var weights = new Dictionary<OperationKind, int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !Enum.TryParse<OperationKind>(pair[0], ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(pair[0], out _))
            {
                error = $"'{part}' is not kind=weight with kind one of {KindNames}.";
                return false;
            }

            if (!int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var weight) || weight > 1_000_000)
            {
                error = $"The weight of {pair[0]} must be a whole number from 0 to 1000000, not '{pair[1]}'.";
                return false;
            }

            if (!weights.TryAdd(kind, weight))
            {
                error = $"{pair[0]} is given twice.";
                return false;
            }
        }

        if (weights.Values.Sum() == 0)
        {
            error = "At least one weight must be above 0.";
            return false;
        }

        mix = new OperationMix(weights);
        return true;
    }

    /// <summary>Picks a kind for a uniform draw in [0, <see cref="TotalWeight"/>).</summary>
    public OperationKind Pick(int draw)
    {
        for (var i = 0; i < _cumulative.Length; i++)
        {
            if (draw < _cumulative[i])
            {
                return _kinds[i];
            }
        }

        return _kinds[^1];
    }

    public OperationKind Pick(Random random) => Pick(random.Next(TotalWeight));

    public bool Includes(OperationKind kind) => Weights.GetValueOrDefault(kind) > 0;

    /// <summary>Whether the mix makes claims (of one, two or three regions).</summary>
    public bool IncludesClaims => Includes(OperationKind.Claim) || Includes(OperationKind.Claim2) || Includes(OperationKind.Claim3);

    /// <summary>How many regions a claim of <paramref name="kind"/> spans; 0 for a kind that is not a claim.</summary>
    public static int ClaimRegions(OperationKind kind) => kind switch
    {
        OperationKind.Claim => 1,
        OperationKind.Claim2 => 2,
        OperationKind.Claim3 => 3,
        _ => 0,
    };

    public override string ToString() =>
        string.Join(',', Weights.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Key.ToString().ToLowerInvariant()}={w.Value}")));
}
