namespace Recs.Engine.Model;

/// <summary>
/// The popularity debiasing β and the rank the ranking SVD of a training used, and how many ratings the data held when
/// <see cref="RankingSelection"/> validated them (0 when they were given, not validated).
/// </summary>
public sealed record RankingChoice(double Beta, int Rank, int ValidatedAtRatings)
{
    /// <summary>
    /// Whether a training on <paramref name="ratingCount"/> ratings may use this choice instead of validating afresh:
    /// it was validated, and the count moved by at most <paramref name="growth"/> (a fraction) of the count it was
    /// validated at, in either direction. Measured from the validation, not from the last training, so a run of small
    /// retrains cannot carry a choice arbitrarily far from the data it was chosen on.
    /// </summary>
    public bool StillHolds(int ratingCount, double growth) =>
        ValidatedAtRatings > 0 && System.Math.Abs((long)ratingCount - ValidatedAtRatings) <= growth * ValidatedAtRatings;
}
