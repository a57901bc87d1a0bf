
namespace RegionGrains.Cluster.Tests;

/// <summary>The scenarios on a <see cref="LocalCluster"/>, which can start silos as it goes.</summary>
public static partial class FailoverScenarios
{
    /// <summary>
    /// Starts silos until 3 are live, then kills the one <paramref name="pickVictim"/> chooses under load and checks:
    /// every answer is a 2xx or a 503 problem+json; requests succeed again within 15 s; replaying every attempted id
    /// gives exactly one reservation per id (and acknowledged ones are replays, so none was lost); reserved equals the
    /// number of distinct ids, never more than the total; the footprint equals the sum of the regions.
    /// </summary>
    public static async Task KillSiloUnderLoadAsync(LocalCluster cluster, ITestOutputHelper output, string key, Func<IReadOnlyList<ClusterProcess>, ClusterProcess> pickVictim)
    {
        while (cluster.LiveSilos.Count < 3)
        {
            await cluster.StartSiloAsync();
        }

        await KillSiloUnderLoadAsync(cluster, output, key, pickVictim(cluster.LiveSilos));
    }
}
