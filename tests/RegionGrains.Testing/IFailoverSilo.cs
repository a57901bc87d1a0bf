namespace RegionGrains.Testing;

/// <summary>One silo process that a failover scenario may kill.</summary>
public interface IFailoverSilo
{
    string Name { get; }

    /// <summary>The operating-system process id.</summary>
    int Id { get; }

    /// <summary>How many regions whose id starts with <paramref name="prefix"/> are active on the silo.</summary>
    Task<int> CountRegionsAsync(string prefix);

    /// <summary><c>kill -9</c>: the process gets no chance to leave the cluster or flush anything.</summary>
    void Kill();
}
