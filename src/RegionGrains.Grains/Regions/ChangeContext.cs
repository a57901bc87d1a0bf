namespace RegionGrains.Grains.Regions;

/// <summary>When a command runs and on whose behalf: stamped on every change it makes.</summary>
internal readonly record struct ChangeContext(DateTimeOffset Now, string Actor);
