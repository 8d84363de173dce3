namespace Recs.Engine.Recommendation;

/// <summary>
/// Up to two films a person liked that speak most strongly for a recommended film (dataset film indices, −1 when
/// absent), with the stars the person gave them. <see cref="None"/> when nothing they liked speaks for it.
/// </summary>
public readonly record struct FilmEvidence(int First, float FirstStars, int Second, float SecondStars)
{
    public static FilmEvidence None => new(-1, 0, -1, 0);

    /// <summary>How many films the evidence names: 0, 1 or 2.</summary>
    public int Count => First < 0 ? 0 : Second < 0 ? 1 : 2;
}
