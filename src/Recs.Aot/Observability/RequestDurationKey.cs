namespace Recs.Aot.Observability;

/// <summary>What one set of <c>http.server.request.duration</c> tags is built for: the matched endpoint (null: none), the method and the status.</summary>
internal readonly record struct RequestDurationKey(Endpoint? Endpoint, string Method, int Status);
