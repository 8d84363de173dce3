namespace Recs.Engine.Storage;

/// <summary>Row counts of the store's three tables.</summary>
public readonly record struct StoreCounts(long Users, long Films, long Ratings);
