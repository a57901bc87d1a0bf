namespace RegionGrains.Testing;

/// <summary>
/// What the failover scenarios (tests/RegionGrains.Cluster.Tests/FailoverScenarios.cs) need from a cluster of real
/// processes, wherever they run: on loopback (<see cref="LocalCluster"/>) or on hosts of their own in network
/// namespaces (tests/RegionGrains.MultiHost.Tests).
/// </summary>
public interface IFailoverCluster
{
    /// <summary>A client of the gateway's API.</summary>
    HttpClient Http { get; }

    /// <summary>The recent console output of every process, for failure messages.</summary>
    string Diagnostics();

    /// <summary><c>kill -9</c> every process at once, as a power cut would.</summary>
    void KillAll();

    /// <summary>Starts every process anew from nothing but the store and waits until the gateway serves.</summary>
    Task RestartAsync();
}
