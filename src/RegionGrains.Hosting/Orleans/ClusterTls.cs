using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;

namespace RegionGrains.Hosting.Orleans;

/// <summary>Applies <see cref="ClusterTlsOptions"/> to a silo or a client (Microsoft.Orleans.Connections.Security).</summary>
public static class ClusterTls
{
    /// <summary>Reads the options; null when TLS is off.</summary>
    public static ClusterTlsOptions? Read(IConfiguration configuration) =>
        configuration.GetSection(ClusterTlsOptions.Section).Get<ClusterTlsOptions>() is { Enabled: true } options ? options : null;

    public static void UseClusterTls(this ISiloBuilder silo, ClusterTlsOptions options) => silo.UseTls(Configure(options));

    public static void UseClusterTls(this IClientBuilder client, ClusterTlsOptions options) => client.UseTls(Configure(options));

    /// <summary>Loads the certificate once, so that a wrong path or password stops the process at startup, saying which.</summary>
    private static Action<TlsOptions> Configure(ClusterTlsOptions options)
    {
        var certificate = Load(options);
        var trusted = options.TrustedThumbprints.Select(Normalize).Append(Thumbprint(certificate)).ToHashSet(StringComparer.Ordinal);
        var ca = string.IsNullOrWhiteSpace(options.CaPath) ? null : X509Certificate2.CreateFromPemFile(options.CaPath);
        return tls =>
        {
            tls.LocalCertificate = certificate;
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = (remote, _, _) => remote is not null && (trusted.Contains(Thumbprint(remote)) || ChainsTo(remote, ca));
            // Peers are found by address, not by name: the certificate itself is what is checked, so no host name.
            tls.OnAuthenticateAsClient = (_, ssl) => ssl.TargetHost = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        };
    }

    private static X509Certificate2 Load(ClusterTlsOptions options)
    {
        var path = options.CertificatePath!;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"RegionGrains:Tls:CertificatePath '{path}' does not exist.");
        }

        var certificate = string.IsNullOrWhiteSpace(options.KeyPath)
            ? X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword)
            : X509Certificate2.CreateFromPemFile(path, options.KeyPath);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"The certificate at '{path}' has no private key; the cluster's certificate needs one (a .pfx, or a PEM certificate with RegionGrains:Tls:KeyPath).");
    }

    private static bool ChainsTo(X509Certificate2 remote, X509Certificate2? ca)
    {
        if (ca is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(remote);
    }

    private static string Thumbprint(X509Certificate2 certificate) => Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));

    private static string Normalize(string thumbprint) => thumbprint.Replace(":", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();
}
