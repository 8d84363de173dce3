using Recs.Engine.Storage;

namespace Recs.Storage.Import;

/// <summary>
/// Imports rating data sets into an <see cref="IRatingStore"/>. Headers are checked before anything is written; films and
/// ratings are then each written in one store call, i.e. one transaction. Malformed rows are skipped, counted and listed
/// (first <see cref="MalformedRows.DefaultKeep"/> with line numbers) while the good rows are imported; re-running an import is idempotent.
/// </summary>
public static class Importer
{
    /// <summary>Imports MovieLens movies.csv and ratings.csv from <paramref name="dir"/>.</summary>
    public static Task<ImportReport> ImportMovieLensAsync(
        IRatingStore store, string dir, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return MovieLensImporter.ImportAsync(store, dir, progress, ct);
    }

    /// <summary>Imports the Letterboxd data set's movies.csv and ratings.csv(.gz) from <paramref name="dir"/>.</summary>
    public static Task<ImportReport> ImportLetterboxdDatasetAsync(
        IRatingStore store, string dir, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return LetterboxdDatasetImporter.ImportAsync(store, dir, progress, ct);
    }

    /// <summary>Imports one member's Letterboxd export (ratings.csv or export .zip) as <paramref name="username"/>.</summary>
    public static Task<ImportReport> ImportLetterboxdExportAsync(
        IRatingStore store, string username, string path, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return LetterboxdExportImporter.ImportAsync(store, username, path, progress, ct);
    }
}
