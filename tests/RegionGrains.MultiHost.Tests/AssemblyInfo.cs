// Each test class runs a cluster of real processes in network namespaces; two at once would starve each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
