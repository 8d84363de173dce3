using Recs.Engine.Catalog;
using Recs.Engine.Data;
using Recs.Engine.Model;
using Recs.Engine.Training;

namespace Recs.Tests.Engine;

/// <summary>A small dataset with planted taste groups and a model trained on it once per test run.</summary>
internal static class SyntheticModel
{
    private static readonly Lazy<(RatingsDataset Data, TrainedModel Model)> Built = new(Build);

    public static RatingsDataset Data => Built.Value.Data;
    public static TrainedModel Model => Built.Value.Model;

    public static ModelTrainingOptions Options { get; } = new()
    {
        Pipeline = new TrainingOptions { Components = 12, MaxClusters = 6, SilhouetteSample = 300 },
        RankingRank = 10,
        SelectRanking = false,
    };

    private static (RatingsDataset, TrainedModel) Build()
    {
        // Four groups of users, each loving one quarter of the films and rating others lower; ratings are sparse.
        var random = new Random(7);
        var builder = new RatingsDatasetBuilder();
        const int films = 160, users = 240;
        for (int f = 0; f < films; f++)
            builder.AddFilm(new Film($"film-{f}", $"Film {f}", 2000, [], "movie", null, null));
        for (int u = 0; u < users; u++)
        {
            int group = u % 4;
            for (int f = 0; f < films; f++)
            {
                bool liked = f % 4 == group;
                if (random.NextDouble() > (liked ? 0.5 : 0.15))
                    continue;
                float stars = liked ? 3.5f + 0.5f * random.Next(4) : 0.5f + 0.5f * random.Next(6);
                builder.AddRating(new RatingRecord($"user-{u}", $"film-{f}", System.Math.Min(stars, 5f), null));
            }
        }
        var data = builder.Build();
        return (data, ModelTrainer.Train(data, Options, DateTimeOffset.UnixEpoch));
    }
}
