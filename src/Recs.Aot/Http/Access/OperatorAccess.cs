using System.Net;

namespace Recs.Aot.Http.Access;

/// <summary>
/// Who may call the operator endpoints (debug, cache, preload, memory, retrain): with <c>Recs:AdminToken</c> set,
/// callers presenting it as their bearer token; without one, only callers on the loopback interface, so a service
/// exposed on a public port cannot be driven by strangers.
/// </summary>
public static class OperatorAccess
{
    public enum Decision
    {
        Allowed,
        /// <summary>A token is configured and the caller did not present it: 401 with WWW-Authenticate.</summary>
        Unauthorized,
        /// <summary>No token is configured and the caller is not on loopback: 403.</summary>
        Forbidden,
    }

    /// <summary>
    /// Decides for a caller that presented <paramref name="bearerToken"/> (null: none) from
    /// <paramref name="socketAddress"/>. The address must be the TCP peer, never one taken from X-Forwarded-For,
    /// which any client can write. <paramref name="relayed"/> says the request names another client (X-Forwarded-For
    /// or Forwarded): a reverse proxy on the same host connects from loopback on behalf of anyone on the internet, so
    /// without a token a relayed request is never an operator's.
    /// </summary>
    public static Decision Decide(string? adminToken, string? bearerToken, IPAddress? socketAddress, bool relayed = false)
    {
        if (!adminToken.AsSpan().Trim().IsEmpty)
            return Bearer.Matches(adminToken, bearerToken) ? Decision.Allowed : Decision.Unauthorized;
        return socketAddress is not null && IsLoopback(socketAddress) && !relayed ? Decision.Allowed : Decision.Forbidden;
    }

    /// <summary>True when the request carries X-Forwarded-For or Forwarded, i.e. a proxy relays it for another client.</summary>
    public static bool IsRelayed(HttpRequest request) =>
        request.Headers.ContainsKey(TrustedProxies.ForwardedForHeader) || request.Headers.ContainsKey("Forwarded");

    /// <summary>Puts <paramref name="builder"/>'s endpoints behind <see cref="OperatorOnlyFilter"/>.</summary>
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(OperatorOnlyFilter.Instance);
        // Also as metadata, so the route table shows which endpoints are operator-only (the tests check every one).
        builder.WithMetadata(OperatorOnlyFilter.Instance);
        return builder;
    }

    // A dual-stack listener reports IPv4 peers as ::ffff:a.b.c.d, which IPAddress.IsLoopback does not recognise.
    private static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
