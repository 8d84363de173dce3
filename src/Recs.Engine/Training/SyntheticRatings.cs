namespace Recs.Engine.Training;

/// <summary>
/// A deterministic synthetic ratings set with the shape of real ones: power-law film popularity, skewed ratings
/// per user, and users drawn from planted taste clusters that each like and dislike their own films.
/// </summary>
public static class SyntheticRatings
{
    /// <summary>
    /// Generates exactly <paramref name="ratings"/> distinct (user, film) ratings in half stars; equal arguments give
    /// identical output. Throws ArgumentException with the reason from <see cref="WhyImpossible"/> when they cannot fit.
    /// </summary>
    public static RatingTriples Generate(int users = 6_000, int films = 4_000, int ratings = 1_000_000, int tasteClusters = 8, int seed = 42)
    {
        if (WhyImpossible(users, films, ratings, tasteClusters) is { } reason)
            throw new ArgumentException(reason);
        var random = new Random(seed);
        var cumulative = PopularityCdf(films);
        var counts = RatingsPerUser(users, films, ratings, random);

        // Each cluster's taste: a strong, sparse preference over films on top of a shared film quality.
        var quality = new float[films];
        for (int f = 0; f < films; f++)
            quality[f] = 0.5f * Gaussian(random);
        var taste = new float[tasteClusters * films];
        for (int i = 0; i < taste.Length; i++)
            taste[i] = 1.2f * Gaussian(random);

        var userIndex = new int[ratings];
        var filmIndex = new int[ratings];
        var stars = new float[ratings];
        var seenBy = new int[films];
        Array.Fill(seenBy, -1);
        int n = 0;
        for (int u = 0; u < users; u++)
        {
            int cluster = random.Next(tasteClusters);
            float bias = 0.4f * Gaussian(random);
            for (int r = 0; r < counts[u]; r++)
            {
                int f;
                do
                    f = Pick(cumulative, random.NextDouble());
                while (seenBy[f] == u);
                seenBy[f] = u;
                float raw = 3.5f + quality[f] + bias + taste[cluster * films + f] + 0.5f * Gaussian(random);
                userIndex[n] = u;
                filmIndex[n] = f;
                stars[n] = System.Math.Clamp(MathF.Round(raw * 2) / 2, 0.5f, 5f);
                n++;
            }
        }
        string[] userIds = [.. Enumerable.Range(1, users).Select(i => $"u{i}")];
        string[] filmIds = [.. Enumerable.Range(1, films).Select(i => $"f{i}")];
        return new RatingTriples(userIds, filmIds, userIndex, filmIndex, stars);
    }

    /// <summary>
    /// Why <see cref="Generate"/> cannot make this set, or null when it can: every user rates at least one film and at
    /// most a quarter of the films (rounded down), and there are at least 20 films and one taste cluster.
    /// </summary>
    public static string? WhyImpossible(int users, int films, int ratings, int tasteClusters)
    {
        if (users < 1)
            return $"{users} users: there must be at least one";
        if (films < 20)
            return $"{films} films: there must be at least 20";
        if (tasteClusters < 1)
            return $"{tasteClusters} taste clusters: there must be at least one";
        if (ratings < users)
            return $"{ratings} ratings among {users} users: every user rates at least one film, so there must be at least {users}";
        // The cap is what RatingsPerUser can reach; users × films / 4 without rounding would let the nudging loop spin forever.
        long most = (long)users * (films / 4);
        if (ratings > most)
            return $"{ratings} ratings among {users} users × {films} films: a user rates at most a quarter of the films ({films / 4}), so there can be at most {most}";
        return null;
    }

    // Zipf-like: film f is drawn with weight 1/(f + 10)^0.9, so a few films are very popular and most are rare.
    private static double[] PopularityCdf(int films)
    {
        var cdf = new double[films];
        double total = 0;
        for (int f = 0; f < films; f++)
        {
            total += System.Math.Pow(f + 10, -0.9);
            cdf[f] = total;
        }
        for (int f = 0; f < films; f++)
            cdf[f] /= total;
        return cdf;
    }

    private static int Pick(double[] cdf, double x)
    {
        int i = Array.BinarySearch(cdf, x);
        return System.Math.Min(i < 0 ? ~i : i, cdf.Length - 1);
    }

    // Log-normal counts, capped at a quarter of the films, then nudged one at a time until they sum exactly.
    private static int[] RatingsPerUser(int users, int films, int ratings, Random random)
    {
        int cap = films / 4;
        var weights = new double[users];
        double sum = 0;
        for (int u = 0; u < users; u++)
            sum += weights[u] = System.Math.Exp(0.8 * Gaussian(random));
        var counts = new int[users];
        long total = 0;
        for (int u = 0; u < users; u++)
            total += counts[u] = System.Math.Clamp((int)(weights[u] / sum * ratings), 1, cap);
        for (int u = 0; total != ratings; u = (u + 1) % users)
        {
            if (total < ratings && counts[u] < cap)
            {
                counts[u]++;
                total++;
            }
            else if (total > ratings && counts[u] > 1)
            {
                counts[u]--;
                total--;
            }
        }
        return counts;
    }

    private static float Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return (float)(System.Math.Sqrt(-2.0 * System.Math.Log(u1)) * System.Math.Cos(2.0 * System.Math.PI * u2));
    }
}
