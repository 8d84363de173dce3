using Recs.Engine.Catalog;

namespace Recs.Engine.Model;

/// <summary>
/// What sets a taste group apart: the films and genres over-represented among its members' high ratings (4★ or more)
/// relative to everyone's. For group g and film f, with h_g(f) the group's high ratings of f, H_g all the group's high
/// ratings, h(f) everyone's high ratings of f and H = Σ_f h(f):
/// <c>lift(g, f) = (h_g(f) / H_g) / (h(f) / H)</c>, 1 when the group favours f as much as everyone does. Only films
/// with h_g(f) ≥ <see cref="MinFilmSupport"/> are ranked, so a film one or two members loved cannot top the list.
/// A genre's lift is the same ratio with h summed over the genre's films; on the group side the sum covers the films
/// the group keeps statistics for (rated by two or more members), and a genre needs <see cref="MinGenreSupport"/>
/// such high ratings.
/// </summary>
public static class TasteGroupProfiles
{
    public const int MinFilmSupport = 5;
    public const int MinGenreSupport = 20;

    /// <summary>Lift of a film for a group with <paramref name="groupHigh"/> of <paramref name="groupTotal"/> high ratings on it.</summary>
    public static double Lift(int groupHigh, int groupTotal, int everyoneHigh, long everyoneTotal) =>
        groupTotal == 0 || everyoneHigh == 0 ? 0 : (double)groupHigh / groupTotal / ((double)everyoneHigh / everyoneTotal);

    /// <summary>The group's films by descending lift (ties to the lower index), at most <paramref name="limit"/>, each with at least <see cref="MinFilmSupport"/> high ratings from the group.</summary>
    public static List<CharacteristicLift> Films(TasteGroups groups, int group, int limit)
    {
        ArgumentNullException.ThrowIfNull(groups);
        long everyone = EveryoneHigh(groups);
        var found = new List<CharacteristicLift>();
        for (int i = groups.FilmOffsets[group]; i < groups.FilmOffsets[group + 1]; i++)
        {
            if (groups.FilmHighs[i] < MinFilmSupport)
                continue;
            int f = groups.GroupFilms[i];
            found.Add(new CharacteristicLift(f, null, Lift(groups.FilmHighs[i], groups.HighTotals[group], groups.FilmHighCounts[f], everyone),
                groups.FilmHighs[i], groups.FilmRaters[i], groups.FilmHalfStarSums[i]));
        }
        found.Sort(static (a, b) => b.Lift.CompareTo(a.Lift) is var byLift and not 0 ? byLift : a.Film.CompareTo(b.Film));
        return found.Count > limit ? found[..limit] : found;
    }

    /// <summary>The genres by descending lift (ties by name), at most <paramref name="limit"/>, each with at least <see cref="MinGenreSupport"/> high ratings from the group.</summary>
    public static List<CharacteristicLift> Genres(TasteGroups groups, int group, IReadOnlyList<Film> catalogue, int limit)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(catalogue);
        var everyoneByGenre = new Dictionary<string, long>(StringComparer.Ordinal);
        long everyone = 0;
        for (int f = 0; f < groups.FilmHighCounts.Length && f < catalogue.Count; f++)
        {
            everyone += groups.FilmHighCounts[f];
            foreach (var genre in catalogue[f].Genres)
                everyoneByGenre[genre] = everyoneByGenre.GetValueOrDefault(genre) + groups.FilmHighCounts[f];
        }
        var groupByGenre = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = groups.FilmOffsets[group]; i < groups.FilmOffsets[group + 1]; i++)
        {
            int f = groups.GroupFilms[i];
            if (f >= catalogue.Count)
                continue;
            foreach (var genre in catalogue[f].Genres)
                groupByGenre[genre] = groupByGenre.GetValueOrDefault(genre) + groups.FilmHighs[i];
        }
        var found = new List<CharacteristicLift>();
        foreach (var (genre, high) in groupByGenre)
        {
            if (high < MinGenreSupport)
                continue;
            double lift = (double)high / groups.HighTotals[group] / ((double)everyoneByGenre[genre] / everyone);
            found.Add(new CharacteristicLift(-1, genre, lift, high, 0, 0));
        }
        found.Sort(static (a, b) => b.Lift.CompareTo(a.Lift) is var byLift and not 0 ? byLift : string.CompareOrdinal(a.Genre, b.Genre));
        return found.Count > limit ? found[..limit] : found;
    }

    private static long EveryoneHigh(TasteGroups groups)
    {
        long total = 0;
        foreach (int n in groups.FilmHighCounts)
            total += n;
        return total;
    }
}
