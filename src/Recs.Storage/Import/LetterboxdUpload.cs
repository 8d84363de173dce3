namespace Recs.Storage.Import;

/// <summary>
/// What a person uploaded: their ratings, and (only when the whole export zip was sent) the films they watched or
/// put on their watchlist. <see cref="HasLists"/> tells an absent list from an empty one.
/// </summary>
public sealed record LetterboxdUpload(
    LetterboxdExportFile Ratings, IReadOnlyList<LetterboxdListEntry> Watched, IReadOnlyList<LetterboxdListEntry> Watchlist, bool HasLists);
