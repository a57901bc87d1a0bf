namespace RegionGrains.LoadTest.Workload;

/// <summary>How operations spread over the regions.</summary>
public enum KeyDistributionKind
{
    /// <summary>Every region equally likely.</summary>
    Uniform = 0,

    /// <summary>A few hot regions: the k-th most popular is chosen with probability proportional to 1/k^s.</summary>
    Zipf = 1,
}

/// <summary>Draws region indexes in [0, count).</summary>
public abstract class KeyDistribution
{
    protected KeyDistribution(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
    }

    public int Count { get; }

    public abstract int Draw(Random random);

    public static KeyDistribution Create(KeyDistributionKind kind, int count, double exponent = 1.0) => kind switch
    {
        KeyDistributionKind.Zipf => new ZipfKeys(count, exponent),
        _ => new UniformKeys(count),
    };

    private sealed class UniformKeys(int count) : KeyDistribution(count)
    {
        public override int Draw(Random random) => random.Next(Count);
    }

    /// <summary>Inverse-CDF sampling over a precomputed table (8 bytes per region; 8 MB at a million).</summary>
    private sealed class ZipfKeys : KeyDistribution
    {
        private readonly double[] _cdf;

        public ZipfKeys(int count, double exponent)
            : base(count)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exponent);
            _cdf = new double[count];
            var sum = 0.0;
            for (var k = 0; k < count; k++)
            {
                sum += 1.0 / Math.Pow(k + 1, exponent);
                _cdf[k] = sum;
            }

            for (var k = 0; k < count; k++)
            {
                _cdf[k] /= sum;
            }
        }

        public override int Draw(Random random)
        {
            var index = Array.BinarySearch(_cdf, random.NextDouble());
            return Math.Min(index < 0 ? ~index : index, Count - 1);
        }
    }
}
