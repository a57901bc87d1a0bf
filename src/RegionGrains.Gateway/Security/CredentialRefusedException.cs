namespace RegionGrains.Gateway.Security;

/// <summary>
/// A credential the gateway refuses by its own rules after the scheme accepted it (a token without a usable subject,
/// or with critical header parameters). It fails the authentication, and is kept as a request feature (a failed
/// authentication leaves no result on the request) so that the 401 problem says in the API's words what was wrong.
/// </summary>
internal sealed class CredentialRefusedException(string message) : Exception(message);
