namespace Recs.Storage.Import;

/// <summary>A parsed Letterboxd export: the valid rows and the malformed ones that were left out.</summary>
public sealed record LetterboxdExportFile(IReadOnlyList<LetterboxdExportRow> Rows, MalformedRows Malformed);
