namespace Recs.Engine.Storage;

/// <summary>One person's complete current exclusions (possibly none, when an upload emptied them), by film slug.</summary>
public sealed record ExclusionSet(string Username, IReadOnlyList<string> FilmSlugs);
