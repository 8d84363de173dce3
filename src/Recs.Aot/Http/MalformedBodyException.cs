namespace Recs.Aot.Http;

/// <summary>
/// The request body does not follow its Content-Type (a multipart body cut short, without its closing boundary or not
/// holding exactly one file); <see cref="MalformedRequests"/> answers it with 400.
/// </summary>
internal sealed class MalformedBodyException(string message, Exception? inner = null) : Exception(message, inner);
