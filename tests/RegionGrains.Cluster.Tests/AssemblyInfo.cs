// Test collections run two at a time (xunit.runner.json: at most 2, started conservatively, so that an awaiting test
// still holds its slot): each class starts a cluster of real processes of its own, on its own ports, data directories
// and, where it stops one, its own Redis server. Two clusters at once keep both cores busy while each mostly waits
// (death votes, restarts, held faults); a third would only starve the others on a 2-core machine.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
