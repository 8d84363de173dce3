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

    /// <summary>A valid rating (<see cref="IsValid"/>) as half-star units 1–10, the one byte a rating takes at rest.</summary>
    public static byte ToUnits(float stars) => (byte)MathF.Round(stars * 2);

    /// <summary>Stars of half-star units (exact: every half star is a float).</summary>
    public static float FromUnits(byte units) => units * 0.5f;

    /// <summary>True when <paramref name="units"/> is a rating in half-star units (1–10).</summary>
    public static bool IsValidUnits(byte units) => units is >= 1 and <= 10;

    /// <summary>Writes the stars of each half-star unit; <paramref name="stars"/> must be at least as long as <paramref name="units"/>.</summary>
    public static void FromUnits(ReadOnlySpan<byte> units, Span<float> stars)
    {
        if (stars.Length < units.Length)
            throw new ArgumentException($"{stars.Length} stars for {units.Length} ratings.", nameof(stars));
        for (int i = 0; i < units.Length; i++)
            stars[i] = units[i] * 0.5f;
    }
}
