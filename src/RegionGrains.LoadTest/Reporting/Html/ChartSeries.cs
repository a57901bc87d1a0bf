namespace RegionGrains.LoadTest.Reporting.Html;

/// <summary>
/// One line of a chart: a colour of the Okabe-Ito palette (<see cref="HtmlPage"/>'s <c>--s0</c>..<c>--s7</c>) and a
/// dash pattern, so that two lines differ in more than colour.
/// </summary>
public sealed record ChartSeries(string Name, int Colour, string Dash, IReadOnlyList<(double X, double Y)> Points)
{
    public const string Solid = "";
    public const string Dashed = "7 4";
    public const string Dotted = "2 3";
    public const string DashDot = "9 3 2 3";
}
