using System.Globalization;
using System.Net;
using System.Text;

namespace RegionGrains.LoadTest.Reporting.Html;

/// <summary>
/// A line chart as inline SVG: axes with ticks, one polyline per series (its point count in <c>data-points</c>, its
/// name and figures in a <c>title</c>), and a legend that repeats each line's colour and dash. With
/// <see cref="PercentileX"/> the x axis is HdrHistogram's percentile axis: 1/(1 - p) on a log scale, labelled 0 %,
/// 90 %, 99 %, 99.9 %, ...
/// </summary>
public sealed class LineChart(string id, string title, string xLabel, string yLabel)
{
    private const double Width = 760;
    private const double Height = 280;
    private const double Left = 64;
    private const double Right = 16;
    private const double Top = 14;
    private const double Bottom = 46;

    /// <summary>The highest percentile drawn; 100 % itself is at infinity on this axis.</summary>
    private const double HighestPercentile = 99.9999;

    private static readonly double[] Multiples = [1, 2, 5, 10];

    public bool PercentileX { get; init; }

    /// <summary>A log scale of y, in decades: latency over time, where one slow second would flatten every other line.</summary>
    public bool LogY { get; init; }

    public List<ChartSeries> Series { get; } = [];

    public string Render()
    {
        var drawn = Series.Where(s => s.Points.Count > 0).ToList();
        var xs = drawn.SelectMany(s => s.Points.Select(p => X(p.X))).DefaultIfEmpty(0).ToList();
        var (xMin, xMax) = PercentileX ? (0, Math.Max(1, Math.Ceiling(xs.Max()))) : (Math.Min(0, xs.Min()), xs.Max());
        if (xMax <= xMin)
        {
            xMax = xMin + 1;
        }

        var ys = drawn.SelectMany(s => s.Points.Select(p => p.Y)).ToList();
        var yStep = NiceStep(ys.DefaultIfEmpty(0).Max() / 4);
        var yMax = Math.Max(yStep, Math.Ceiling(ys.DefaultIfEmpty(0).Max() / yStep) * yStep);
        var (decadeMin, decadeMax) = (Math.Floor(Math.Log10(ys.Where(y => y > 0).DefaultIfEmpty(1).Min())), Math.Ceiling(Math.Log10(ys.Where(y => y > 0).DefaultIfEmpty(10).Max())));
        decadeMax = Math.Max(decadeMax, decadeMin + 1);
        double Px(double x) => Left + ((X(x) - xMin) / (xMax - xMin) * (Width - Left - Right));
        double Fraction(double y) => LogY ? (Math.Log10(Math.Max(y, Math.Pow(10, decadeMin))) - decadeMin) / (decadeMax - decadeMin) : y / yMax;
        double Py(double y) => Height - Bottom - (Fraction(y) * (Height - Top - Bottom));
        var yTicks = LogY
            ? Enumerable.Range((int)decadeMin, (int)(decadeMax - decadeMin) + 1).Select(d => Math.Pow(10, d))
            : Enumerable.Range(0, (int)Math.Round(yMax / yStep) + 1).Select(i => i * yStep);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title\"><title id=\"{id}-title\">{E(title)}</title>\n");
        foreach (var y in yTicks)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(Py(y))}\" y2=\"{F(Py(y))}\"/><text class=\"tick\" x=\"{Left - 6}\" y=\"{F(Py(y) + 4)}\" text-anchor=\"end\">{Tick(y)}</text>\n");
        }

        foreach (var (x, label) in XTicks(xMin, xMax))
        {
            var px = Left + ((x - xMin) / (xMax - xMin) * (Width - Left - Right));
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{F(px)}\" x2=\"{F(px)}\" y1=\"{Top}\" y2=\"{Height - Bottom}\"/><text class=\"tick\" x=\"{F(px)}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{label}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom}\"/><line class=\"axis\" x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Height - Bottom}\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{F((Left + Width - Right) / 2)}\" y=\"{Height - 8}\" text-anchor=\"middle\">{E(xLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" transform=\"translate(14 {F((Top + Height - Bottom) / 2)}) rotate(-90)\" text-anchor=\"middle\">{E(yLabel)}</text>\n");
        foreach (var series in drawn)
        {
            var points = string.Join(' ', series.Points.Select(p => $"{F(Px(p.X))},{F(Py(p.Y))}"));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"series\" data-series=\"{E(series.Name)}\" data-points=\"{series.Points.Count}\" points=\"{points}\" stroke=\"var(--s{series.Colour})\" stroke-dasharray=\"{series.Dash}\"><title>{E(series.Name)}</title></polyline>\n");
            if (series.Points.Count == 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(Px(series.Points[0].X))}\" cy=\"{F(Py(series.Points[0].Y))}\" r=\"3\" fill=\"var(--s{series.Colour})\"/>");
            }
        }

        svg.Append("</svg>");
        var legend = string.Concat(Series.Select(s =>
            $"<li><svg width=\"30\" height=\"10\" aria-hidden=\"true\"><line x1=\"0\" x2=\"30\" y1=\"5\" y2=\"5\" stroke=\"var(--s{s.Colour})\" stroke-dasharray=\"{s.Dash}\"/></svg>{E(s.Name)}</li>"));
        return $"<figure class=\"chart\" id=\"{id}\" data-chart=\"{id}\"><figcaption>{E(title)}</figcaption>{svg}<ul class=\"legend\">{legend}</ul></figure>\n";
    }

    private double X(double x) => PercentileX ? Math.Log10(100 / (100 - Math.Min(x, HighestPercentile))) : x;

    private IEnumerable<(double X, string Label)> XTicks(double min, double max)
    {
        if (PercentileX)
        {
            for (var decade = 0; decade <= max; decade++)
            {
                yield return (decade, decade == 0 ? "0%" : (100 - (100 / Math.Pow(10, decade))).ToString("0.#####", CultureInfo.InvariantCulture) + "%");
            }

            yield break;
        }

        var step = NiceStep((max - min) / 6);
        for (var x = Math.Ceiling(min / step) * step; x <= max + (step / 1000); x += step)
        {
            yield return (x, Tick(x));
        }
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="rough"/>.</summary>
    private static double NiceStep(double rough)
    {
        if (rough <= 0 || double.IsNaN(rough))
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        return Multiples.Select(m => m * power).First(s => s >= rough);
    }

    private static string Tick(double value) => Math.Abs(value) >= 10_000
        ? (value / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k"
        : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
