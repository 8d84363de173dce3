using Microsoft.AspNetCore.Http.HttpResults;

namespace Recs.Aot.Http;

/// <summary>RFC 9457 problem+json results for bad input, each with a stable type URI and a message that says what to fix.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: title,
            type: "https://recs.dev/problems/" + title.ToLowerInvariant().Replace(' ', '-'));

    public static ProblemHttpResult InvalidUsername(string detail) => BadRequest("Invalid username", detail);

    public static ProblemHttpResult InvalidParameter(string detail) => BadRequest("Invalid parameter", detail);
}
