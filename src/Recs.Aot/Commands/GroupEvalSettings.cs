namespace Recs.Aot.Commands;

/// <summary>Every setting a `recs eval-groups` run used, echoed in its JSON so the figures can be regenerated.</summary>
internal sealed record GroupEvalSettings(string Ratings, double Holdout, int[] Seeds, int[] Sizes, int GroupsPerSize, int K);
