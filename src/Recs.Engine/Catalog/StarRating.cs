namespace Recs.Engine.Catalog;

/// <summary>Rules for star ratings: 0.5 to 5.0 in half-star steps, as Letterboxd and MovieLens use.</summary>
public static class StarRating
{
    public const float Min = 0.5f;
    public const float Max = 5.0f;

    /// <summary>
    /// The relevance threshold: a rating at or above it says the person liked the film. Evaluation counts held-out
    /// films at or above it as relevant, and a reason names only films the person rated at or above it.
    /// </summary>
    public const float Liked = 4.0f;

    /// <summary>True when <paramref name="stars"/> is a finite multiple of 0.5 in [0.5, 5].</summary>
    public static bool IsValid(float stars) =>
        float.IsFinite(stars) && stars >= Min && stars <= Max && MathF.Abs(stars * 2 - MathF.Round(stars * 2)) < 1e-4f;

    /// <summary>Converts Letterboxd's 1–10 half-star units to stars; null when out of range.</summary>
    public static float? FromHalfStars(int halfStars) => halfStars is >= 1 and <= 10 ? halfStars / 2f : null;

    /// <summary>Stars as Letterboxd writes them: 4.5 → "★★★★½", 0.5 → "½"; <paramref name="stars"/> must be valid.</summary>
    public static string ToGlyphs(float stars)
    {
        int halves = (int)MathF.Round(stars * 2);
        return new string('★', halves / 2) + (halves % 2 == 1 ? "½" : "");
    }
}
