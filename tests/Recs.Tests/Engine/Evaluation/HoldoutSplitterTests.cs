using Recs.Engine.Evaluation;

namespace Recs.Tests.Engine.Evaluation;

public sealed class HoldoutSplitterTests
{
    private static readonly List<RatingTriple> Ratings = BaselineMatrices.Triples(60, 40, 0.5, seed: 21);

    [Fact]
    public void No_held_out_rating_is_in_training_and_each_user_keeps_the_rest()
    {
        var split = HoldoutSplitter.Split(Ratings, 0.2, seed: 4);
        var train = Pairs(split.Train);
        var all = Ratings.Select(r => (r.User, r.Film)).ToHashSet();
        foreach (var user in Ratings.GroupBy(r => r.User))
        {
            int n = user.Count();
            int held = user.Count(r => !train.Contains((r.User, r.Film)));
            int expected = (int)System.Math.Round(0.2 * n, MidpointRounding.AwayFromZero);
            Assert.True(held == expected, $"{user.Key}: {held} of {n} ratings held out, expected round(0.2·{n}) = {expected}");
        }
        Assert.True(train.IsSubsetOf(all), "training holds a pair that is not in the ratings");
        foreach (var u in split.Trained)
        {
            string name = split.Train.Users[u.TrainedIndex];
            foreach (int f in u.Relevant)
                Assert.False(train.Contains((name, split.Train.Films[f].Slug)), $"{name}: relevant film {split.Train.Films[f].Slug} is in training");
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_a_different_one()
    {
        var a = Pairs(HoldoutSplitter.Split(Ratings, 0.2, seed: 9, foldInUsers: 0.1).Train);
        var b = Pairs(HoldoutSplitter.Split(Ratings, 0.2, seed: 9, foldInUsers: 0.1).Train);
        var c = Pairs(HoldoutSplitter.Split(Ratings, 0.2, seed: 10, foldInUsers: 0.1).Train);
        Assert.True(a.SetEquals(b), "two splits with seed 9 differ");
        Assert.False(a.SetEquals(c), "seeds 9 and 10 gave the same split");
    }

    [Fact]
    public void Validation_is_carved_from_training_ratings_and_never_sees_a_test_rating()
    {
        var split = HoldoutSplitter.Split(Ratings, 0.2, seed: 2, foldInUsers: 0.1);
        var train = Pairs(split.Train);
        var test = Ratings.Select(r => (r.User, r.Film)).Where(p => !train.Contains(p)).ToHashSet();
        Assert.NotEmpty(test);
        var validation = HoldoutSplitter.Validation(split.Train, 0.2, seed: 3);
        var validationTrain = Pairs(validation.Train);
        Assert.True(validationTrain.IsSubsetOf(train), "validation training holds a rating outside the training part");
        Assert.True(validationTrain.Count < train.Count, "validation held nothing out");
        foreach (var u in validation.Trained)
        {
            string name = validation.Train.Users[u.TrainedIndex];
            foreach (int f in u.Relevant)
            {
                var pair = (name, validation.Train.Films[f].Slug);
                Assert.False(test.Contains(pair), $"validation target {pair} is a test rating");
                Assert.True(train.Contains(pair), $"validation target {pair} is not a training rating");
            }
        }
    }

    [Fact]
    public void Folded_in_users_have_none_of_their_ratings_in_training_and_keep_theirs_for_fold_in()
    {
        var split = HoldoutSplitter.Split(Ratings, 0.2, seed: 6, foldInUsers: 0.25);
        var train = Pairs(split.Train);
        Assert.True(split.FoldedIn.Count > 0, "a quarter of users folded in, yet none is evaluated as folded in");
        var byUser = Ratings.GroupBy(r => r.User).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Film, r => r.Stars));
        foreach (var folded in split.FoldedIn)
        {
            Assert.True(folded.TrainedIndex < 0, $"a folded-in user has training row {folded.TrainedIndex}");
            var known = folded.Films.Select(f => split.Train.Films[f].Slug).ToList();
            var relevant = folded.Relevant.Select(f => split.Train.Films[f].Slug).ToList();
            // The user these films came from: the only one who rated all of them.
            string user = Assert.Single(byUser, u => known.Concat(relevant).All(u.Value.ContainsKey)).Key;
            Assert.False(split.Train.UserIndex.ContainsKey(user), $"folded-in {user} is a training user");
            var inTraining = byUser[user].Keys.Where(film => train.Contains((user, film))).ToList();
            Assert.True(inTraining.Count == 0, $"folded-in {user} has {inTraining.Count} ratings in training: {string.Join(", ", inTraining)}");
            Assert.Equal(known.Select(film => byUser[user][film]), folded.Stars);
            Assert.Empty(relevant.Intersect(known));
        }
    }

    private static HashSet<(string User, string Film)> Pairs(Recs.Engine.Data.RatingsDataset data)
    {
        var pairs = new HashSet<(string, string)>();
        for (int u = 0; u < data.UserCount; u++)
            foreach (int f in data.FilmsOf(u))
                pairs.Add((data.Users[u], data.Films[f].Slug));
        return pairs;
    }
}
