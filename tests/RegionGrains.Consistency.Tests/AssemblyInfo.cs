// The end-to-end runs start clusters (in-process or as processes); two at once would only starve each other on a small machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
