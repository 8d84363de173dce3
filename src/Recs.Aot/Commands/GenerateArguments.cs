using System.CommandLine;
using Recs.Engine.Training;

namespace Recs.Aot.Commands;

/// <summary>The options of `recs generate`, as parsed: <see cref="Bind"/> defines them on the command and reads them back.</summary>
internal sealed record GenerateArguments(int Users, int Films, int Ratings, int Seed, int Clusters, string Out, bool Force)
{
    /// <summary>
    /// Adds the options to <paramref name="command"/>; the returned function reads a parse into arguments and throws
    /// <see cref="UsageException"/> for a size that cannot be drawn.
    /// </summary>
    public static Func<ParseResult, GenerateArguments> Bind(Command command)
    {
        var users = Required(CommandOptions.Int("--users", "users to draw", 1, int.MaxValue));
        var films = Required(CommandOptions.Int("--films", "films in the catalogue", 1, int.MaxValue));
        var ratings = Required(CommandOptions.Int("--ratings", "ratings to draw (distinct user–film pairs)", 1, Array.MaxLength));
        var seed = Required(CommandOptions.Int("--seed", "random seed: the same seed writes the same bytes", int.MinValue, int.MaxValue));
        var output = CommandOptions.Text("--out", "dir", "folder to write movies.csv and ratings.csv.gz into", required: true);
        var clusters = CommandOptions.Int("--clusters", "planted taste clusters", 1, 1000, fallback: 8);
        var force = CommandOptions.Flag("--force", "write into a folder that is not empty");
        foreach (var option in new Option[] { users, films, ratings, seed, output, clusters, force })
            command.Options.Add(option);
        return parsed =>
        {
            var arguments = new GenerateArguments(
                parsed.GetValue(users)!.Value, parsed.GetValue(films)!.Value, parsed.GetValue(ratings)!.Value, parsed.GetValue(seed)!.Value,
                parsed.GetValue(clusters)!.Value, parsed.GetRequiredValue(output), parsed.GetValue(force));
            // Refused before anything is drawn or any folder created.
            if (SyntheticRatings.WhyImpossible(arguments.Users, arguments.Films, arguments.Ratings, arguments.Clusters) is { } reason)
                throw new UsageException($"impossible size: {reason}");
            return arguments;
        };
    }

    private static Option<int?> Required(Option<int?> option)
    {
        option.Required = true;
        return option;
    }
}
