namespace Recs.Aot.Commands;

/// <summary>Thrown for a malformed command line; the message is shown to the user with exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
