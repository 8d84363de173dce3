namespace Recs.Engine.Training;

/// <summary>A ratings file that cannot be trained on: missing, wrong header, or a malformed row (the message names the line).</summary>
public sealed class RatingsFileException(string message) : Exception(message);
