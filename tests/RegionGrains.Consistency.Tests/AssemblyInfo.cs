// Test collections run two at a time (xunit.runner.json: at most 2, started conservatively, so that an awaiting test
// still holds its slot): the end-to-end runs start clusters of their own (in-process or as processes) on their own
// ports and data directories; a third at once would only starve the others on a 2-core machine.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
