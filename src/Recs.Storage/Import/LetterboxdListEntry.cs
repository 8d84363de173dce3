namespace Recs.Storage.Import;

/// <summary>One film of a Letterboxd export's watched.csv or watchlist.csv (<c>Date,Name,Year,Letterboxd URI</c>).</summary>
public sealed record LetterboxdListEntry(string Name, int? Year, string LetterboxdUri);
