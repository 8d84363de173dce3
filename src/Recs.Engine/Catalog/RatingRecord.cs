namespace Recs.Engine.Catalog;

/// <summary>One user's star rating of one film: 0.5–5.0 in half stars, keyed by username and film slug.</summary>
public readonly record struct RatingRecord(string Username, string FilmSlug, float Stars, DateOnly? RatedOn);
