namespace Recs.Tests.Browser;

/// <summary>A browser step that failed: an element not found in time, a page error, or the driver gone.</summary>
internal sealed class BrowserCommandException(string message) : Exception(message);
