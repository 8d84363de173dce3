using Recs.Engine.Training;

namespace Recs.Aot.Commands;

/// <summary>The parsed options of `recs generate`; <see cref="Parse"/> throws <see cref="UsageException"/> on anything it cannot use.</summary>
internal sealed record GenerateArguments(int Users, int Films, int Ratings, int Seed, int Clusters, string Out, bool Force)
{
    public const string Usage =
        "usage: recs generate --users N --films M --ratings R --seed S --out <dir> [--clusters 8] [--force]";

    public static GenerateArguments Parse(string[] args)
    {
        int? users = null, films = null, ratings = null, seed = null;
        int clusters = 8;
        string? output = null;
        bool force = false;
        var reader = new OptionReader(args, Usage);
        while (reader.Next() is { } name)
        {
            switch (name)
            {
                case "--users":
                    users = reader.Int(1, int.MaxValue);
                    continue;
                case "--films":
                    films = reader.Int(1, int.MaxValue);
                    continue;
                case "--ratings":
                    ratings = reader.Int(1, Array.MaxLength);
                    continue;
                case "--seed":
                    seed = reader.Int(int.MinValue, int.MaxValue);
                    continue;
                case "--clusters":
                    clusters = reader.Int(1, 1000);
                    continue;
                case "--out":
                    output = reader.Value();
                    continue;
                case "--force":
                    force = true;
                    continue;
                default:
                    throw reader.Unknown();
            }
        }
        if (users is null || films is null || ratings is null || seed is null || output is null)
            throw reader.Error("--users, --films, --ratings, --seed and --out are required");
        if (SyntheticRatings.WhyImpossible(users.Value, films.Value, ratings.Value, clusters) is { } reason)
            throw new UsageException($"impossible size: {reason}");
        return new GenerateArguments(users.Value, films.Value, ratings.Value, seed.Value, clusters, output, force);
    }
}
