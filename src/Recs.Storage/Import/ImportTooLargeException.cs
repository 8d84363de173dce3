namespace Recs.Storage.Import;

/// <summary>The input, or what it decompresses to, is larger than the reader accepts; nothing was read from it.</summary>
public sealed class ImportTooLargeException(string message) : ImportFormatException(message);
