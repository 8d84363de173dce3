using Microsoft.Extensions.Options;
using Recs.Aot.Hosting;

namespace Recs.Aot.Http.Access;

/// <summary>
/// Answers 401 problem+json with <c>WWW-Authenticate: Bearer</c> or 403 problem+json before an operator endpoint runs,
/// as <see cref="OperatorAccess.Decide"/> says; attach it with <see cref="OperatorAccess.RequireOperator"/>.
/// </summary>
public sealed class OperatorOnlyFilter : IEndpointFilter
{
    public static readonly OperatorOnlyFilter Instance = new();

    private OperatorOnlyFilter()
    {
    }

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        string? adminToken = http.RequestServices.GetRequiredService<IOptions<RecsOptions>>().Value.AdminToken;
        switch (OperatorAccess.Decide(adminToken, Bearer.TokenOf(http.Request), http.Connection.RemoteIpAddress, OperatorAccess.IsRelayed(http.Request)))
        {
            case OperatorAccess.Decision.Unauthorized:
                http.Response.Headers.WWWAuthenticate = Bearer.Scheme;
                return ValueTask.FromResult<object?>(Problems.WithStatus(StatusCodes.Status401Unauthorized, "Unauthorized",
                    "operator endpoints need the header 'Authorization: Bearer <Recs:AdminToken>'"));
            case OperatorAccess.Decision.Forbidden:
                return ValueTask.FromResult<object?>(Problems.WithStatus(StatusCodes.Status403Forbidden, "Forbidden",
                    "Recs:AdminToken is not set, so operator endpoints answer only callers on the loopback interface, not requests a proxy relays"));
            default:
                return next(context);
        }
    }
}
