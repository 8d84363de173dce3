using Recs.Engine.Evaluation;
using Recs.Engine.Model;
using Recs.Tests.Support;

namespace Recs.Tests.Engine;

public sealed class BlendQualityTests
{
    [SkippableFact]
    public void On_movielens_the_blend_beats_popularity_for_trained_and_folded_in_users()
    {
        string path = RepositoryPaths.Data("movielens-ml-latest-small/ratings.csv");
        Skip.IfNot(File.Exists(path), $"real data absent: {path} (set RECS_DATA_DIR)");
        var split = HoldoutSplitter.Split(RatingsFile.Read(path), 0.2, 1, foldInUsers: 0.1);
        var model = ModelTrainer.Train(split.Train, new ModelTrainingOptions(), DateTimeOffset.UnixEpoch);
        foreach (var users in new[] { split.Trained, split.FoldedIn })
        {
            var popularity = Evaluator.Evaluate("popularity", Rankers.Popularity(split.Train), users, 10, split.Train.FilmCount);
            var blend = Evaluator.Evaluate("blend", Rankers.Blend(model, BlendWeights.Default), users, 10, split.Train.FilmCount);
            Assert.True(blend.Ndcg > popularity.Ndcg * 1.4, $"blend NDCG@10 {blend.Ndcg:0.000} vs popularity {popularity.Ndcg:0.000} over {users.Count} users");
        }
    }
}
