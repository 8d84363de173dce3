namespace Recs.Storage.Import;

/// <summary>The input cannot be imported at all (missing file, wrong header, not UTF-8); nothing was written because of it.</summary>
public class ImportFormatException(string message, Exception? inner = null) : Exception(message, inner);
