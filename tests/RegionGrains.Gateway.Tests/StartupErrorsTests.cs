using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RegionGrains.ServiceDefaults.Startup;

namespace RegionGrains.Gateway.Tests;

/// <summary>
/// Which start-up failures a gateway or silo explains in one line (and exits 1), and which stay faults with their stack
/// trace. The processes themselves are tried in the cluster tests' <c>StartupTests</c>.
/// </summary>
public sealed class StartupErrorsTests
{
    public static TheoryData<string, Exception, string> Explained() => new()
    {
        {
            "an option that fails validation",
            new OptionsValidationException("RegionGrains", typeof(object), ["RegionGrains:Provider is Redis but no Redis connection string is set."]),
            "Configuration error: RegionGrains:Provider is Redis but no Redis connection string is set."
        },
        {
            "a configuration error under the host's wrapping, beside an I/O error",
            new AggregateException(new IOException("outer", new OptionsValidationException("x", typeof(object), ["Bad setting."]))),
            "Configuration error: Bad setting."
        },
        {
            "Kestrel's address in use",
            new IOException("Failed to bind to address http://127.0.0.1:5080: address already in use.", new AddressInUseException("Address already in use")),
            "Cannot start: Failed to bind to address http://127.0.0.1:5080: address already in use. Another process (another instance?) listens there; choose another address with --urls or ASPNETCORE_URLS."
        },
        {
            "a socket already bound (Orleans' silo or gateway port)",
            new SocketException((int)SocketError.AddressAlreadyInUse),
            $"Cannot start: {new SocketException((int)SocketError.AddressAlreadyInUse).Message.TrimEnd('.')}. Another process (another instance?) holds the silo or gateway port this one was given; choose others with RegionGrains:SiloPort and RegionGrains:GatewayPort, or 0 for free ones."
        },
        {
            "a data file the storage cannot use, worded by the storage",
            new AggregateException(new IOException("The data file '/data/regiongrains.db' cannot be used: the disk is full.")),
            "Cannot start: The data file '/data/regiongrains.db' cannot be used: the disk is full."
        },
        {
            "a directory this user may not write",
            new UnauthorizedAccessException("Access to the path '/srv/data' is denied."),
            "Cannot start: Access to the path '/srv/data' is denied."
        },
        {
            "a message on two lines",
            new IOException("first line\nsecond line"),
            "Cannot start: first line second line."
        },
    };

    public static TheoryData<string, Exception> Faults() => new()
    {
        { "a bug", new InvalidOperationException("Sequence contains no elements") },
        { "a fault under the host's wrapping", new AggregateException(new ArgumentException("bad argument")) },
        { "a socket error other than an address in use", new SocketException((int)SocketError.ConnectionRefused) },
    };

    [Fact]
    public void AValueTheConfigurationBinderCannotConvertIsAConfigurationError()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Listener:Port"] = "abc" }).Build();
        var failure = Assert.ThrowsAny<InvalidOperationException>(() => configuration.GetSection("Listener").Get<ListenerSettings>());

        var explanation = StartupErrors.Explain(new AggregateException(failure));

        Assert.NotNull(explanation);
        Assert.StartsWith("Configuration error: ", explanation, StringComparison.Ordinal);
        Assert.Contains("'abc' at 'Listener:Port'", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ALayersOwnExplanationComesAfterConfigurationErrorsAndBeforeTheGeneralIoOne()
    {
        var failure = new InvalidOperationException("the store client failed", new IOException("Unable to read data from the transport connection."));
        static string? Store(Exception e) => e is InvalidOperationException { Message: "the store client failed" } ? "the store, in its own words" : null;

        Assert.Equal("the store, in its own words", StartupErrors.Explain(failure, Store));
        Assert.Equal("Cannot start: Unable to read data from the transport connection.", StartupErrors.Explain(failure));
        Assert.StartsWith(
            "Configuration error: ",
            StartupErrors.Explain(new AggregateException(new OptionsValidationException("x", typeof(object), ["Bad setting."]), failure), Store),
            StringComparison.Ordinal);
    }

    [Fact]
    public void AnAddressKestrelCannotReadSaysWhatOneLooksLike()
    {
        var failure = Assert.Throws<FormatException>(() => Microsoft.AspNetCore.Http.BindingAddress.Parse("notaurl"));

        Assert.Equal(
            "Cannot start: Invalid url: 'notaurl'. An address to listen on looks like http://localhost:5080 (--urls or ASPNETCORE_URLS).",
            StartupErrors.Explain(failure));
    }

    [Theory]
    [MemberData(nameof(Explained))]
    public void AStartupErrorAnOperatorFixesIsExplainedInOneLine(string what, Exception failure, string expected) =>
        Assert.True(expected == StartupErrors.Explain(failure), $"{what}: got \"{StartupErrors.Explain(failure)}\"");

    [Theory]
    [MemberData(nameof(Faults))]
    public void AFaultKeepsItsStackTrace(string what, Exception failure) =>
        Assert.True(StartupErrors.Explain(failure) is null, what);

    private sealed class ListenerSettings
    {
        public int Port { get; set; }
    }
}
