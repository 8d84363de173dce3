using Recs.Engine.Recommendation;

namespace Recs.Engine.Evaluation;

/// <summary>
/// A candidate shape of the obscurity dial: how many of the blend's best films it re-ranks (<see cref="Pool"/>, at
/// least 1) and the popularity weight at either end of the dial (<see cref="MaxMix"/>, in [0, 1]).
/// </summary>
public sealed record ObscurityDialShape(int Pool, float MaxMix)
{
    /// <summary>The shape the service ships (<see cref="ObscurityDial.Pool"/>, <see cref="ObscurityDial.MaxMix"/>).</summary>
    public static ObscurityDialShape Shipped { get; } = new(ObscurityDial.Pool, ObscurityDial.MaxMix);
}
