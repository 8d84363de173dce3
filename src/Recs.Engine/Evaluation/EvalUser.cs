namespace Recs.Engine.Evaluation;

/// <summary>
/// A person evaluated: their known ratings (film indices ascending, with stars), the held-out films that count as
/// relevant, and their index in the training data (-1 for a person folded in who was kept out of training).
/// </summary>
public sealed record EvalUser(int[] Films, float[] Stars, int[] Relevant, int TrainedIndex);
