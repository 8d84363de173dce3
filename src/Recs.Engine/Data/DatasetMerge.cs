using Recs.Engine.Catalog;

namespace Recs.Engine.Data;

/// <summary>
/// Applies store changes to a dataset without reading the store again: changed films replace theirs in place (new
/// ones are appended, so existing film indices keep their meaning), changed ratings replace or join their person's
/// row, exclusion sets replace theirs. Costs one pass over the rating rows, not a parse of every rating.
/// </summary>
public static class DatasetMerge
{
    /// <summary>
    /// The dataset at <see cref="DatasetChanges.Sequence"/>; throws <see cref="ArgumentException"/> when a rating names a
    /// film that neither the dataset nor the changes hold, or has invalid stars (nothing is half-applied: the input is untouched).
    /// </summary>
    public static RatingsDataset Apply(RatingsDataset data, DatasetChanges changes)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(changes);

        var films = new List<Film>(data.Films);
        var filmIndex = new Dictionary<string, int>(data.FilmIndex, StringComparer.Ordinal);
        foreach (var film in changes.Films)
        {
            if (filmIndex.TryGetValue(film.Slug, out int at))
                films[at] = film;
            else
            {
                filmIndex[film.Slug] = films.Count;
                films.Add(film);
            }
        }

        var users = new List<string>(data.Users);
        var userIndex = new Dictionary<string, int>(data.UserIndex, StringComparer.Ordinal);
        var changedRows = new Dictionary<int, SortedDictionary<int, byte>>();
        foreach (var rating in changes.Ratings)
        {
            if (!filmIndex.TryGetValue(rating.FilmSlug, out int film))
                throw new ArgumentException($"a changed rating refers to unknown film '{rating.FilmSlug}'", nameof(changes));
            if (!StarRating.IsValid(rating.Stars))
                throw new ArgumentException($"a changed rating has {rating.Stars} stars", nameof(changes));
            if (!userIndex.TryGetValue(rating.Username, out int user))
            {
                userIndex[rating.Username] = user = users.Count;
                users.Add(rating.Username);
            }
            if (!changedRows.TryGetValue(user, out var row))
                changedRows[user] = row = [];
            row[film] = StarRating.ToUnits(rating.Stars);
        }

        var (offsets, userFilms, stars) = MergeRows(data, users.Count, changedRows);
        var excluded = MergeExclusions(data, changes, filmIndex);
        return new RatingsDataset([.. films], [.. users], offsets, userFilms, stars, changes.Sequence, excluded);
    }

    private static (int[] Offsets, int[] Films, byte[] Stars) MergeRows(
        RatingsDataset data, int userCount, Dictionary<int, SortedDictionary<int, byte>> changedRows)
    {
        var offsets = new int[userCount + 1];
        for (int u = 0; u < userCount; u++)
        {
            int length = u < data.UserCount ? data.FilmsOf(u).Length : 0;
            if (changedRows.TryGetValue(u, out var changed))
                length = u < data.UserCount ? MergedLength(data.FilmsOf(u), changed) : changed.Count;
            offsets[u + 1] = checked(offsets[u] + length);
        }

        var films = new int[offsets[userCount]];
        var stars = new byte[offsets[userCount]];
        for (int u = 0; u < userCount; u++)
        {
            int at = offsets[u];
            var oldFilms = u < data.UserCount ? data.FilmsOf(u) : [];
            var oldStars = u < data.UserCount ? data.HalfStarsOf(u) : [];
            if (!changedRows.TryGetValue(u, out var changed))
            {
                oldFilms.CopyTo(films.AsSpan(at));
                oldStars.CopyTo(stars.AsSpan(at));
                continue;
            }
            // Both sides ascend by film: a two-way merge where the change wins a tie.
            int i = 0;
            foreach (var (film, value) in changed)
            {
                for (; i < oldFilms.Length && oldFilms[i] < film; i++, at++)
                {
                    films[at] = oldFilms[i];
                    stars[at] = oldStars[i];
                }
                if (i < oldFilms.Length && oldFilms[i] == film)
                    i++;
                films[at] = film;
                stars[at] = value;
                at++;
            }
            for (; i < oldFilms.Length; i++, at++)
            {
                films[at] = oldFilms[i];
                stars[at] = oldStars[i];
            }
        }
        return (offsets, films, stars);
    }

    private static int MergedLength(ReadOnlySpan<int> oldFilms, SortedDictionary<int, byte> changed)
    {
        int length = oldFilms.Length;
        foreach (int film in changed.Keys)
        {
            if (oldFilms.BinarySearch(film) < 0)
                length++;
        }
        return length;
    }

    private static Dictionary<string, IReadOnlySet<int>> MergeExclusions(
        RatingsDataset data, DatasetChanges changes, Dictionary<string, int> filmIndex)
    {
        var excluded = new Dictionary<string, IReadOnlySet<int>>(data.Excluded, StringComparer.Ordinal);
        foreach (var set in changes.ExclusionSets)
        {
            var films = new HashSet<int>();
            foreach (string slug in set.FilmSlugs)
            {
                // As in a full read, an exclusion of a film missing from the catalogue cannot matter and is skipped.
                if (filmIndex.TryGetValue(slug, out int film))
                    films.Add(film);
            }
            if (films.Count == 0)
                excluded.Remove(set.Username);
            else
                excluded[set.Username] = films;
        }
        return excluded;
    }
}
