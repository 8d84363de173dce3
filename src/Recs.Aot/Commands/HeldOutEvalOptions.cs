using System.CommandLine;

namespace Recs.Aot.Commands;

/// <summary>
/// The options the held-out measurement commands (`recs eval-groups`, `recs eval-obscurity`) share: one ratings file
/// split per user, the held-out share, the seeds, the list length and JSON output.
/// </summary>
internal sealed class HeldOutEvalOptions
{
    public HeldOutEvalOptions(string seedsDescription)
    {
        Seeds = ListOptions.Ints("--seeds", seedsDescription, int.MinValue, int.MaxValue, [1]);
    }

    public Option<string> Ratings { get; } =
        CommandOptions.Text("--ratings", "csv", "one ratings file, split per user into training and test ratings", required: true);

    public Option<double?> Holdout { get; } =
        CommandOptions.Number("--holdout", "share of each user's ratings held out for testing, in (0, 1)", 0.001, 0.999, fallback: 0.2);

    public Option<int[]> Seeds { get; }

    public Option<int?> K { get; } = CommandOptions.Int("--k", "list length", 1, 1000, fallback: 10);

    public Option<bool> Json { get; } = CommandOptions.Flag("--json", "print the report as JSON");

    /// <summary>Adds these options, then the command's own, to <paramref name="command"/>.</summary>
    public void AddTo(Command command, params Option[] own)
    {
        foreach (var option in new Option[] { Ratings, Holdout, Seeds }.Concat(own).Append(K).Append(Json))
            command.Options.Add(option);
    }
}
