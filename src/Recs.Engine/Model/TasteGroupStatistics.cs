using Recs.Engine.Data;
using Recs.Math;

namespace Recs.Engine.Model;

/// <summary>Counts what <see cref="TasteGroups"/> keeps about each group from the ratings its members gave.</summary>
public static class TasteGroupStatistics
{
    /// <summary>
    /// Builds the groups of <paramref name="nested"/> (whose labels index the users of <paramref name="data"/>) with
    /// their film statistics; one pass over the ratings with three films-sized counters, reused group after group.
    /// </summary>
    public static TasteGroups Build(RatingsDataset data, NestedClusteringResult nested)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(nested);
        int groups = nested.GroupCount, films = data.FilmCount;
        var members = new List<int>[groups];
        for (int g = 0; g < groups; g++)
            members[g] = [];
        for (int u = 0; u < nested.Labels.Length; u++)
            members[nested.Labels[u]].Add(u);

        var filmHighCounts = new int[films];
        var highTotals = new int[groups];
        var raters = new int[films];
        var sums = new int[films];
        var highs = new int[films];
        var touched = new List<int>();
        byte high = TasteGroups.HighUnits;
        var offsets = new int[groups + 1];
        var keptFilms = new List<int>();
        var keptRaters = new List<int>();
        var keptSums = new List<int>();
        var keptHighs = new List<int>();
        for (int g = 0; g < groups; g++)
        {
            foreach (int u in members[g])
            {
                var userFilms = data.FilmsOf(u);
                var units = data.HalfStarsOf(u);
                for (int i = 0; i < userFilms.Length; i++)
                {
                    int f = userFilms[i];
                    if (raters[f]++ == 0)
                        touched.Add(f);
                    sums[f] += units[i];
                    if (units[i] >= high)
                    {
                        highs[f]++;
                        filmHighCounts[f]++;
                        highTotals[g]++;
                    }
                }
            }
            touched.Sort();
            foreach (int f in touched)
            {
                if (raters[f] >= TasteGroups.MinRaters)
                {
                    keptFilms.Add(f);
                    keptRaters.Add(raters[f]);
                    keptSums.Add(sums[f]);
                    keptHighs.Add(highs[f]);
                }
                (raters[f], sums[f], highs[f]) = (0, 0, 0);
            }
            touched.Clear();
            offsets[g + 1] = keptFilms.Count;
        }
        var silhouettes = Array.ConvertAll(nested.Silhouettes, s => (float)s);
        var groupSilhouettes = Array.ConvertAll(nested.GroupSilhouettes, s => (float)s);
        return new TasteGroups(nested.Dimensions, films, nested.GroupOffsets, nested.Centroids, nested.Labels, silhouettes, groupSilhouettes, highTotals,
            filmHighCounts, offsets, [.. keptFilms], [.. keptRaters], [.. keptSums], [.. keptHighs]);
    }
}
