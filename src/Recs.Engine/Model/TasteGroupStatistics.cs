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
        // Two passes over each group's ratings: the first counts the films it keeps, so the second writes them into
        // arrays of their final size. Growing lists and copying them out left about three times the kept entries as
        // garbage of the training (docs/PERFORMANCE.md, "The service under load").
        var offsets = new int[groups + 1];
        for (int g = 0; g < groups; g++)
        {
            Accumulate(data, members[g], raters, sums, highs, touched);
            int kept = 0;
            foreach (int f in touched)
            {
                kept += raters[f] >= TasteGroups.MinRaters ? 1 : 0;
                (raters[f], sums[f], highs[f]) = (0, 0, 0);
            }
            touched.Clear();
            offsets[g + 1] = offsets[g] + kept;
        }
        var keptFilms = new int[offsets[groups]];
        var keptRaters = new int[keptFilms.Length];
        var keptSums = new int[keptFilms.Length];
        var keptHighs = new int[keptFilms.Length];
        for (int g = 0; g < groups; g++)
        {
            highTotals[g] = Accumulate(data, members[g], raters, sums, highs, touched);
            touched.Sort();
            int at = offsets[g];
            foreach (int f in touched)
            {
                if (raters[f] >= TasteGroups.MinRaters)
                {
                    (keptFilms[at], keptRaters[at], keptSums[at], keptHighs[at]) = (f, raters[f], sums[f], highs[f]);
                    at++;
                }
                filmHighCounts[f] += highs[f];
                (raters[f], sums[f], highs[f]) = (0, 0, 0);
            }
            touched.Clear();
        }
        var silhouettes = Array.ConvertAll(nested.Silhouettes, s => (float)s);
        var groupSilhouettes = Array.ConvertAll(nested.GroupSilhouettes, s => (float)s);
        return new TasteGroups(nested.Dimensions, films, nested.GroupOffsets, nested.Centroids, nested.Labels, silhouettes, groupSilhouettes, highTotals,
            filmHighCounts, offsets, keptFilms, keptRaters, keptSums, keptHighs);
    }

    // Adds the ratings of one group's members to the film counters, listing each film the first time it is seen;
    // returns how many of the ratings were high.
    private static int Accumulate(RatingsDataset data, List<int> members, int[] raters, int[] sums, int[] highs, List<int> touched)
    {
        byte high = TasteGroups.HighUnits;
        int highTotal = 0;
        foreach (int u in members)
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
                    highTotal++;
                }
            }
        }
        return highTotal;
    }
}
