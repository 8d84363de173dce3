using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Recs.Aot.Http;

/// <summary>
/// Who may call the admin endpoints: with <c>Recs:AdminToken</c> set, callers presenting <c>Authorization: Bearer
/// &lt;token&gt;</c> (compared in constant time); without one, only callers on the loopback interface, so a service
/// exposed on a public port cannot be made to retrain by strangers.
/// </summary>
public static class AdminAccess
{
    public enum Decision
    {
        Allowed,
        Unauthorized,
        Forbidden,
    }

    public static Decision Decide(string? configuredToken, string authorizationHeader, IPAddress? remote)
    {
        if (configuredToken is { Length: > 0 } token)
        {
            const string scheme = "Bearer ";
            bool presented = authorizationHeader.StartsWith(scheme, StringComparison.Ordinal);
            return presented && CryptographicOperations.FixedTimeEquals(
                Encoding.UTF8.GetBytes(authorizationHeader[scheme.Length..]), Encoding.UTF8.GetBytes(token))
                ? Decision.Allowed
                : Decision.Unauthorized;
        }
        return remote is not null && IPAddress.IsLoopback(remote) ? Decision.Allowed : Decision.Forbidden;
    }
}
