// Each test class runs a cluster of real processes; two at once would only starve each other on a small machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
