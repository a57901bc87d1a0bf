// Test collections run two at a time (xunit.runner.json: at most 2, started conservatively, so that an awaiting test
// still holds its slot): each collection has a cluster of its own in network namespaces on a subnet of its own
// (deploy/netns/cluster.sh picks one under a lock). Two keep both cores busy while each mostly waits for death votes
// and restarts; a third would only starve the others on a 2-core machine.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
