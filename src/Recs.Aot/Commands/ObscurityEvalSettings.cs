namespace Recs.Aot.Commands;

/// <summary>Every setting a `recs eval-obscurity` run used, echoed in its JSON so the figures can be regenerated.</summary>
internal sealed record ObscurityEvalSettings(
    string Ratings, double Holdout, int[] Seeds, int K, int UsersPerGroup, double[] Obscurity, bool Validation, int[] Pools, double[] Mixes, double TargetRatio);
