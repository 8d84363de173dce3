namespace Recs.Load;

/// <summary>
/// One kind of request: how to build it, and the answer it must get. <paramref name="ExpectedModes"/> lists the
/// <c>mode</c> values a recommendation answer may carry; null when the answer has no mode to check.
/// </summary>
internal sealed record Scenario(
    string Name,
    Func<RequestContext, HttpRequestMessage> Build,
    int ExpectedStatus,
    IReadOnlyList<string>? ExpectedModes = null);
