using Recs.Engine.Catalog;
using Recs.Engine.Storage;

namespace Recs.Engine.Data;

/// <summary>
/// Applies store changes to a dataset without reading the store again: changed films replace theirs in place (new
/// ones are appended, so existing film indices keep their meaning), changed ratings replace or join their person's
/// row, exclusion sets replace theirs. Costs one pass over the rating rows and a sort of the changed ratings
/// (<see cref="ChangedRatings"/>), not a parse of every rating.
/// </summary>
public static class DatasetMerge
{
    /// <summary>
    /// The dataset at <paramref name="sequence"/> with <paramref name="films"/> (inserted or updated), the changed
    /// <paramref name="ratings"/> (collected against <paramref name="data"/>) and the complete
    /// <paramref name="exclusionSets"/> of the people whose exclusions were replaced; throws <see cref="ArgumentException"/>
    /// when a rating names a film that neither the dataset nor the changed films hold (nothing is half-applied: the
    /// input is untouched). Invalid stars are refused earlier, by <see cref="ChangedRatings.Add"/>.
    /// </summary>
    public static RatingsDataset Apply(
        RatingsDataset data, long sequence, IReadOnlyList<Film> films, ChangedRatings ratings, IReadOnlyList<ExclusionSet> exclusionSets)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(films);
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(exclusionSets);

        // Changed films keep their index; new ones are appended, so every index the basis (and its model) uses keeps its meaning.
        var mergedFilms = new List<Film>(data.Films);
        var appended = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var film in films)
        {
            if (data.FilmIndex.TryGetValue(film.Slug, out int at) || appended.TryGetValue(film.Slug, out at))
                mergedFilms[at] = film;
            else
            {
                appended[film.Slug] = mergedFilms.Count;
                mergedFilms.Add(film);
            }
        }
        int? FilmOf(string slug) =>
            data.FilmIndex.TryGetValue(slug, out int at) || appended.TryGetValue(slug, out at) ? at : null;

        var changed = ratings.Resolve(FilmOf);
        string[] users = [.. data.Users, .. ratings.NewUsers];
        var (offsets, userFilms, stars) = MergeRows(data, users.Length, changed);
        var excluded = MergeExclusions(data, exclusionSets, FilmOf);
        return new RatingsDataset([.. mergedFilms], users, offsets, userFilms, stars, sequence, excluded);
    }

    // changed: ordered by person and film, one entry per pair. Each person's changes are one run of it.
    private static (int[] Offsets, int[] Films, byte[] Stars) MergeRows(
        RatingsDataset data, int userCount, ReadOnlySpan<ChangedRatings.Entry> changed)
    {
        var offsets = new int[userCount + 1];
        int next = 0;
        for (int u = 0; u < userCount; u++)
        {
            var run = RunOf(changed, u, ref next);
            var oldFilms = u < data.UserCount ? data.FilmsOf(u) : [];
            int length = oldFilms.Length;
            foreach (var change in run)
            {
                if (oldFilms.BinarySearch(change.Film) < 0)
                    length++;
            }
            offsets[u + 1] = checked(offsets[u] + length);
        }

        var films = new int[offsets[userCount]];
        var stars = new byte[offsets[userCount]];
        next = 0;
        for (int u = 0; u < userCount; u++)
        {
            int at = offsets[u];
            var run = RunOf(changed, u, ref next);
            var oldFilms = u < data.UserCount ? data.FilmsOf(u) : [];
            var oldStars = u < data.UserCount ? data.HalfStarsOf(u) : [];
            // Both sides ascend by film: a two-way merge where the change wins a tie.
            int i = 0;
            foreach (var change in run)
            {
                for (; i < oldFilms.Length && oldFilms[i] < change.Film; i++, at++)
                {
                    films[at] = oldFilms[i];
                    stars[at] = oldStars[i];
                }
                if (i < oldFilms.Length && oldFilms[i] == change.Film)
                    i++;
                films[at] = change.Film;
                stars[at] = change.HalfStars;
                at++;
            }
            int rest = oldFilms.Length - i;
            oldFilms[i..].CopyTo(films.AsSpan(at, rest));
            oldStars[i..].CopyTo(stars.AsSpan(at, rest));
        }
        return (offsets, films, stars);
    }

    private static ReadOnlySpan<ChangedRatings.Entry> RunOf(ReadOnlySpan<ChangedRatings.Entry> changed, int user, ref int next)
    {
        int start = next;
        while (next < changed.Length && changed[next].User == user)
            next++;
        return changed[start..next];
    }

    private static Dictionary<string, IReadOnlySet<int>> MergeExclusions(
        RatingsDataset data, IReadOnlyList<ExclusionSet> exclusionSets, Func<string, int?> filmOf)
    {
        var excluded = new Dictionary<string, IReadOnlySet<int>>(data.Excluded, StringComparer.Ordinal);
        foreach (var set in exclusionSets)
        {
            var films = new HashSet<int>();
            foreach (string slug in set.FilmSlugs)
            {
                // As in a full read, an exclusion of a film missing from the catalogue cannot matter and is skipped.
                if (filmOf(slug) is { } film)
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
