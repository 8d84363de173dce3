namespace Recs.Engine.Storage;

/// <summary>A write named a film the catalogue does not hold; nothing of that write was stored.</summary>
public sealed class UnknownFilmException(string slug, string paramName)
    : ArgumentException($"unknown film slug '{slug}'", paramName)
{
    public string Slug { get; } = slug;
}
