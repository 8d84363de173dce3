using Recs.Engine.Catalog;
using Recs.Engine.Data;

namespace Recs.Engine.Evaluation;

/// <summary>
/// Builds evaluation splits: a seeded per-user hold-out of one ratings file, or a given train and test file.
/// Held-out ratings of at least <see cref="RelevantStars"/> are the relevant films.
/// </summary>
public static class HoldoutSplitter
{
    public const float RelevantStars = StarRating.Liked;

    /// <summary>
    /// Holds out round(<paramref name="holdout"/>·n) random ratings of each user (seeded, reproducible). A fraction
    /// <paramref name="foldInUsers"/> of users is kept out of training entirely and evaluated by fold-in of their
    /// remaining ratings. Users with no relevant held-out film or no remaining rating are not evaluated.
    /// </summary>
    public static EvalSplit Split(IReadOnlyList<RatingTriple> ratings, double holdout, int seed, double foldInUsers = 0)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        if (holdout is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(holdout), "holdout must be in (0, 1)");
        var byUser = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int i = 0; i < ratings.Count; i++)
        {
            if (!byUser.TryGetValue(ratings[i].User, out var list))
            {
                byUser[ratings[i].User] = list = [];
                order.Add(ratings[i].User);
            }
            list.Add(i);
        }

        var random = new Random(seed);
        var builder = NewBuilder(ratings, []);
        var heldOut = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var foldIn = new HashSet<string>(StringComparer.Ordinal);
        var kept = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var user in order)
        {
            var list = byUser[user];
            for (int i = list.Count - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (list[i], list[j]) = (list[j], list[i]);
            }
            int test = (int)System.Math.Round(holdout * list.Count, MidpointRounding.AwayFromZero);
            heldOut[user] = list.GetRange(0, test);
            kept[user] = list.GetRange(test, list.Count - test);
            if (random.NextDouble() < foldInUsers)
                foldIn.Add(user);
            else
            {
                foreach (int r in kept[user])
                    builder.AddRating(new RatingRecord(user, ratings[r].Film, ratings[r].Stars, null));
            }
        }
        var train = builder.Build();

        var trained = new List<EvalUser>();
        var folded = new List<EvalUser>();
        foreach (var user in order)
        {
            var relevant = Relevant(train, ratings, heldOut[user]);
            if (relevant.Length == 0 || kept[user].Count == 0)
                continue;
            if (foldIn.Contains(user))
                folded.Add(Known(train, ratings, kept[user], relevant));
            else
                trained.Add(TrainedUser(train, train.UserIndex[user], relevant));
        }
        return new EvalSplit(train, trained, folded, 0);
    }

    /// <summary>
    /// A validation split carved from a training set only: its ratings are split again with the same
    /// <paramref name="holdout"/> and <paramref name="seed"/>, so no rating held out of <paramref name="train"/> can reach it.
    /// </summary>
    public static EvalSplit Validation(RatingsDataset train, double holdout, int seed, double foldInUsers = 0)
    {
        ArgumentNullException.ThrowIfNull(train);
        var ratings = new List<RatingTriple>(train.RatingCount);
        for (int u = 0; u < train.UserCount; u++)
        {
            var films = train.FilmsOf(u);
            var stars = train.StarsOf(u);
            for (int i = 0; i < films.Length; i++)
                ratings.Add(new RatingTriple(train.Users[u], train.Films[films[i]].Slug, stars[i]));
        }
        return Split(ratings, holdout, seed, foldInUsers);
    }

    /// <summary>Trains on every rating of <paramref name="train"/> and evaluates the users of <paramref name="test"/> who also appear in it.</summary>
    public static EvalSplit FromFiles(IReadOnlyList<RatingTriple> train, IReadOnlyList<RatingTriple> test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        var builder = NewBuilder(train, test);
        foreach (var r in train)
            builder.AddRating(new RatingRecord(r.User, r.Film, r.Stars, null));
        var data = builder.Build();
        var byUser = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int i = 0; i < test.Count; i++)
        {
            if (!byUser.TryGetValue(test[i].User, out var list))
            {
                byUser[test[i].User] = list = [];
                order.Add(test[i].User);
            }
            list.Add(i);
        }
        var trained = new List<EvalUser>();
        int skipped = 0;
        foreach (var user in order)
        {
            var relevant = Relevant(data, test, byUser[user]);
            if (relevant.Length == 0)
                continue;
            if (data.UserIndex.TryGetValue(user, out int u))
                trained.Add(TrainedUser(data, u, relevant));
            else
                skipped++;
        }
        return new EvalSplit(data, trained, [], skipped);
    }

    private static RatingsDatasetBuilder NewBuilder(IReadOnlyList<RatingTriple> first, IReadOnlyList<RatingTriple> second)
    {
        // Every film of both files gets an index, so a held-out film unknown to training still counts as relevant.
        var builder = new RatingsDatasetBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var list in new[] { first, second })
        {
            foreach (var r in list)
            {
                if (seen.Add(r.Film))
                    builder.AddFilm(new Film(r.Film, r.Film, null, [], "movie", null, null));
            }
        }
        return builder;
    }

    private static int[] Relevant(RatingsDataset data, IReadOnlyList<RatingTriple> ratings, List<int> rows)
    {
        var relevant = new SortedSet<int>();
        foreach (int r in rows)
        {
            if (ratings[r].Stars >= RelevantStars)
                relevant.Add(data.FilmIndex[ratings[r].Film]);
        }
        return [.. relevant];
    }

    private static EvalUser TrainedUser(RatingsDataset data, int user, int[] relevant) =>
        new(data.FilmsOf(user).ToArray(), data.StarsOf(user), relevant, user);

    private static EvalUser Known(RatingsDataset data, IReadOnlyList<RatingTriple> ratings, List<int> rows, int[] relevant)
    {
        var films = new int[rows.Count];
        var stars = new float[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            films[i] = data.FilmIndex[ratings[rows[i]].Film];
            stars[i] = ratings[rows[i]].Stars;
        }
        Array.Sort(films, stars);
        return new EvalUser(films, stars, relevant, -1);
    }
}
