namespace Recs.Engine.Storage;

/// <summary>A film never to recommend to a person (they watched or watchlisted it), as stored.</summary>
public readonly record struct ExclusionRecord(string Username, string FilmSlug);
