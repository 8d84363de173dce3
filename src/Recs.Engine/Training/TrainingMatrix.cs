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

        // A film seen twice for the same user overwrites the earlier slot, so the last rating wins; FromTriples sorts each row.
        var rows = new int[n];
        var films = new int[n];
        var stars = new float[n];
        var slotOfFilm = new int[ratings.FilmIds.Length];
        var ownerOfSlot = new int[ratings.FilmIds.Length];
        Array.Fill(ownerOfSlot, -1);
        int kept = 0;
        for (int u = 0; u < users; u++)
        {
            for (int p = offsets[u]; p < offsets[u + 1]; p++)
            {
                int i = order[p];
                int f = ratings.Films[i];
                if (ownerOfSlot[f] == u)
                {
                    stars[slotOfFilm[f]] = ratings.Stars[i];
                    continue;
                }
                ownerOfSlot[f] = u;
                slotOfFilm[f] = kept;
                rows[kept] = u;
                films[kept] = f;
                stars[kept] = ratings.Stars[i];
                kept++;
            }
        }
        return CsrMatrix.FromTriples(rows.AsSpan(0, kept), films.AsSpan(0, kept), stars.AsSpan(0, kept),
            users, ratings.FilmIds.Length, centreRows: true);
    }
}
