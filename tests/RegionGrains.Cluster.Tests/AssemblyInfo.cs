// Test collections run two at a time (xunit.runner.json: at most 2, started conservatively, so that an awaiting test
// still holds its slot): each class starts a cluster of real processes of its own, on its own ports, data directories
// and, where it stops one, its own Redis server. The cores are busy with two clusters already (every process start
// compiles the silo anew); a third would only slow the others down. The long collections start first.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
[assembly: TestCollectionOrderer("RegionGrains.Cluster.Tests.Infrastructure.LongCollectionsFirst", "RegionGrains.Cluster.Tests")]
