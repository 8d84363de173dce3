using Recs.Math;

namespace Recs.Engine.Training;

/// <summary>Turns rating triples into the per-user mean-centred users × films matrix the pipeline factorises.</summary>
public static class TrainingMatrix
{
    /// <summary>Builds the centred matrix; when a (user, film) pair repeats, the rating that comes last in the input wins.</summary>
    public static CsrMatrix Build(RatingTriples ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        int users = ratings.UserIds.Length;
        int n = ratings.Count;

        // Counting sort by user keeps input order within a user, which the duplicate rule relies on.
        var offsets = new int[users + 1];
        foreach (int u in ratings.Users)
            offsets[u + 1]++;
        for (int u = 0; u < users; u++)
            offsets[u + 1] += offsets[u];
        var next = offsets[..^1];
        var order = new int[n];
        for (int i = 0; i < n; i++)
            order[next[ratings.Users[i]]++] = i;

        // Sort each user's ratings by (film, input position) and keep the last of each film.
        var rows = new int[n];
        var films = new int[n];
        var stars = new float[n];
        var keys = new long[n];
        int kept = 0;
        for (int u = 0; u < users; u++)
        {
            var slice = keys.AsSpan(offsets[u], offsets[u + 1] - offsets[u]);
            for (int p = 0; p < slice.Length; p++)
            {
                int i = order[offsets[u] + p];
                slice[p] = ((long)ratings.Films[i] << 32) | (uint)i;
            }
            slice.Sort();
            for (int p = 0; p < slice.Length; p++)
            {
                if (p + 1 < slice.Length && slice[p + 1] >> 32 == slice[p] >> 32)
                    continue;
                int i = (int)(uint)slice[p];
                rows[kept] = u;
                films[kept] = ratings.Films[i];
                stars[kept] = ratings.Stars[i];
                kept++;
            }
        }
        return CsrMatrix.FromTriples(rows.AsSpan(0, kept), films.AsSpan(0, kept), stars.AsSpan(0, kept),
            users, ratings.FilmIds.Length, centreRows: true);
    }
}
