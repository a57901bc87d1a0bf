namespace RegionGrains.Abstractions.Placement;

/// <summary>A point on the globe, in degrees.</summary>
[GenerateSerializer, Immutable, Alias("RegionGrains.GeoPoint")]
public sealed record GeoPoint(
    [property: Id(0)] double Latitude,
    [property: Id(1)] double Longitude)
{
    private const double EarthRadiusKm = 6371.0088;

    /// <summary>Great-circle distance to another point in kilometres (haversine, on the mean Earth radius).</summary>
    public double DistanceKmTo(double latitude, double longitude)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(latitude - Latitude);
        var dLon = Radians(longitude - Longitude);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) +
            (Math.Cos(Radians(Latitude)) * Math.Cos(Radians(latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
