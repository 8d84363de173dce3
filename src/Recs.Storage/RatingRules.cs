using Recs.Engine.Catalog;

namespace Recs.Storage;

/// <summary>Checks a rating before any store writes it and returns its canonical username.</summary>
internal static class RatingRules
{
    public static string Validate(RatingRecord rating)
    {
        string username = ValidateUsername(rating);
        ValidateRating(rating);
        return username;
    }

    /// <summary>Checks the username alone and returns its canonical form.</summary>
    public static string ValidateUsername(RatingRecord rating)
    {
        if (!Username.TryNormalize(rating.Username, out string? username, out string? error))
        {
            throw new ArgumentException($"invalid username '{rating.Username}': {error}", nameof(rating));
        }
        return username;
    }

    /// <summary>Checks everything but the username: the film slug is given and the stars are a valid half star.</summary>
    public static void ValidateRating(RatingRecord rating)
    {
        if (string.IsNullOrEmpty(rating.FilmSlug))
        {
            throw new ArgumentException("film slug is empty", nameof(rating));
        }
        if (!StarRating.IsValid(rating.Stars))
        {
            throw new ArgumentOutOfRangeException(nameof(rating), rating.Stars, "stars must be 0.5–5 in half-star steps");
        }
    }

    /// <summary>Rounds an already valid rating to its exact half star, so database CHECKs never see float noise.</summary>
    public static float SnapStars(float stars) => MathF.Round(stars * 2) / 2;
}
