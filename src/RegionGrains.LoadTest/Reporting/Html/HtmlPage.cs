using System.Net;

namespace RegionGrains.LoadTest.Reporting.Html;

/// <summary>
/// The page around a report: one file with its styles inline and a content security policy that lets it load
/// nothing (no script, font or image from anywhere), so that it opens offline and cannot reach the network.
/// Colours are the Okabe-Ito palette, which reads for the common colour-vision deficiencies, with a dark variant
/// (prefers-color-scheme) that keeps each line's hue.
/// </summary>
public static class HtmlPage
{
    private const string Styles = """
        :root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1b1b; --muted: #5f5f5f; --grid: #e2e2e2; --axis: #8a8a8a; --panel: #f5f5f5;
          --bad: #b33c00; --good: #006e50;
          --s0: #0072B2; --s1: #D55E00; --s2: #009E73; --s3: #CC79A7; --s4: #E69F00; --s5: #56B4E9; --s6: #000000; --s7: #F0E442; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #141414; --fg: #e9e9e9; --muted: #a8a8a8; --grid: #2f2f2f; --axis: #777777; --panel: #1e1e1e;
            --bad: #ff8a4c; --good: #4fd1a5;
            --s0: #56B4E9; --s1: #E69F00; --s2: #009E73; --s3: #CC79A7; --s4: #D55E00; --s5: #0072B2; --s6: #ffffff; --s7: #F0E442; }
        }
        body { background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, sans-serif; margin: 1.5rem auto; max-width: 1600px; padding: 0 1rem; }
        h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; border-bottom: 1px solid var(--grid); }
        .muted { color: var(--muted); } .bad { color: var(--bad); font-weight: 600; } .good { color: var(--good); font-weight: 600; }
        table { border-collapse: collapse; margin: .25rem 0; } th, td { border: 1px solid var(--grid); padding: .2rem .55rem; text-align: left; vertical-align: top; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; } th { background: var(--panel); }
        pre { background: var(--panel); padding: .6rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 1rem; }
        figure.chart { margin: 0; background: var(--panel); padding: .5rem; border-radius: 6px; }
        figcaption { font-weight: 600; margin-bottom: .25rem; }
        figure > svg { width: 100%; height: auto; display: block; }
        .grid { stroke: var(--grid); stroke-width: 1; } .axis { stroke: var(--axis); stroke-width: 1; }
        .tick, .label { fill: var(--muted); font-size: 11px; } .label { font-size: 12px; }
        polyline.series { fill: none; stroke-width: 2; stroke-linejoin: round; }
        ul.legend { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; margin: .25rem 0 0; font-size: 12px; }
        ul.legend svg { vertical-align: middle; margin-right: .3rem; } ul.legend line { stroke-width: 2.5; }
        """;

    public static string Render(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>{WebUtility.HtmlEncode(title)}</title>
        <style>
        {Styles}
        </style>
        </head>
        <body>
        {body}
        </body>
        </html>

        """;
}
