using Recs.Engine.Data;

namespace Recs.Engine.Model;

/// <summary>
/// The K most similar films of every film by cosine of their "rated by" columns, stored sparse (films×K ids and
/// similarities, −1 padding) so the neighbour term costs K additions per rated film at request time and
/// films×K×8 bytes of memory.
/// </summary>
public static class ItemNeighbours
{
    /// <summary>Films×K neighbour ids (−1 where a film has fewer than K co-rated films) and their cosine similarities.</summary>
    public static (int[] Films, float[] Similarities) Build(RatingsDataset data, int k)
    {
        ArgumentNullException.ThrowIfNull(data);
        int films = data.FilmCount;
        var ids = new int[films * k];
        var sims = new float[films * k];
        Array.Fill(ids, -1);
        if (k == 0)
            return (ids, sims);
        var co = new int[films];
        var touched = new List<int>();
        var best = new List<(float Sim, int Film)>();
        for (int i = 0; i < films; i++)
        {
            touched.Clear();
            foreach (int u in data.RatersOf(i))
            {
                foreach (int j in data.FilmsOf(u))
                {
                    if (co[j]++ == 0)
                        touched.Add(j);
                }
            }
            best.Clear();
            double ni = data.RatingCountOf(i);
            foreach (int j in touched)
            {
                if (j != i)
                    best.Add(((float)(co[j] / System.Math.Sqrt(ni * data.RatingCountOf(j))), j));
                co[j] = 0;
            }
            // Highest similarity first; ties by film index so training is deterministic.
            best.Sort((a, b) => a.Sim != b.Sim ? b.Sim.CompareTo(a.Sim) : a.Film.CompareTo(b.Film));
            for (int n = 0; n < System.Math.Min(k, best.Count); n++)
            {
                ids[i * k + n] = best[n].Film;
                sims[i * k + n] = best[n].Sim;
            }
        }
        return (ids, sims);
    }
}
