namespace Recs.Aot.Commands;

/// <summary>
/// What `recs eval-obscurity --json` prints: the settings, per dial shape, seed and activity group the figures per
/// obscurity setting, and the shape chosen by <see cref="ObscurityEvalCommand"/>'s rule.
/// </summary>
internal sealed record ObscurityEvalReport(ObscurityEvalSettings Settings, IReadOnlyList<ObscurityEvalGroup> Groups, int ChosenPool, double ChosenMaxMix);
