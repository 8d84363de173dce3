namespace Recs.Engine.Storage;

/// <summary>
/// One person's complete set of excluded films (watched or watchlisted) as stored; an empty <paramref name="FilmSlugs"/>
/// means every exclusion was removed.
/// </summary>
/// <param name="Username">Normalised username.</param>
/// <param name="FilmSlugs">Every excluded film slug, ascending (ordinal).</param>
public sealed record ExclusionSet(string Username, IReadOnlyList<string> FilmSlugs);
