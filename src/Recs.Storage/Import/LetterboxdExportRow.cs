namespace Recs.Storage.Import;

/// <summary>One valid row of a Letterboxd account export's <c>ratings.csv</c>, with the line it came from.</summary>
public sealed record LetterboxdExportRow(long Line, DateOnly? Date, string Name, int? Year, string LetterboxdUri, float Stars);
