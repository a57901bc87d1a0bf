using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RegionGrains.Cluster.Tests.Infrastructure;

/// <summary>A self-signed certificate written as PEM files, as an operator would give a cluster its certificate.</summary>
public static class TestCertificate
{
    /// <summary>Writes <c>{name}.crt</c> and <c>{name}.key</c> into <paramref name="directory"/>; returns the RegionGrains:Tls settings that use them.</summary>
    public static Dictionary<string, string> Create(string directory, string name)
    {
        Directory.CreateDirectory(directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=regiongrains-cluster", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(directory, $"{name}.crt");
        var keyPath = Path.Combine(directory, $"{name}.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return new Dictionary<string, string>
        {
            ["RegionGrains__Tls__CertificatePath"] = certificatePath,
            ["RegionGrains__Tls__KeyPath"] = keyPath,
        };
    }
}
