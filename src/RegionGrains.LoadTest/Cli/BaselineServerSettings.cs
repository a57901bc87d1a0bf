using System.ComponentModel;

namespace RegionGrains.LoadTest.Cli;

/// <summary>Options of <c>baseline-server</c>.</summary>
public sealed class BaselineServerSettings : CommandSettings
{
    [CommandOption("--url <URL>")]
    [Description("Where the bare Kestrel endpoint listens.")]
    [DefaultValue("http://127.0.0.1:5182")]
    public string Url { get; set; } = "http://127.0.0.1:5182";

    [CommandOption("--body-from <URL>")]
    [Description("A gateway URL whose JSON answer the endpoint serves, e.g. http://127.0.0.1:5080/api/regions/br-sao-paulo.")]
    public string? BodyFrom { get; set; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(BodyFrom) || !Uri.TryCreate(BodyFrom, UriKind.Absolute, out _)
            ? ValidationResult.Error("--body-from must be an absolute URL of a JSON answer, e.g. http://127.0.0.1:5080/api/regions/br-sao-paulo.")
            : ValidationResult.Success();
}
