namespace RegionGrains.Hosting.Orleans;

/// <summary>
/// TLS between silos and between clients and silos, bound from <c>RegionGrains:Tls</c>. Off while no certificate is
/// configured. Every silo and client presents the cluster's certificate and accepts a peer only if it presents one
/// the cluster trusts (mutual TLS), so a process without it can neither join nor connect.
/// </summary>
public sealed class ClusterTlsOptions
{
    public const string Section = "RegionGrains:Tls";

    /// <summary>The cluster's certificate with its private key: a PKCS#12 file (.pfx/.p12), or a PEM certificate with <see cref="KeyPath"/>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of a PKCS#12 file; give it through the environment (RegionGrains__Tls__CertificatePassword), never in a file.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Further certificates peers may present, as SHA-256 thumbprints (hex), besides the cluster's own: the new or
    /// old certificate while rotating.
    /// </summary>
    public List<string> TrustedThumbprints { get; set; } = [];

    /// <summary>A PEM CA certificate: peers whose certificate chains to it are trusted too (for per-silo certificates from one CA).</summary>
    public string? CaPath { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
