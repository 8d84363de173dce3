namespace Recs.Tests.Http.Hostile;

/// <summary>
/// One generated ratings.csv row in column order Date, Name, Year, Letterboxd URI, Rating (plus any extra fields):
/// the catalogue film a correct reading matches (null: none) with its stars, and what the row does to the upload.
/// </summary>
internal sealed record RatingsCsvRow(string[] Fields, string? Slug, float Stars, UploadOutcome Outcome, string Why);
