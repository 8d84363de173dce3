namespace Recs.Storage;

/// <summary>Which database backs the store.</summary>
public enum StoreKind
{
    Sqlite,
    Postgres,
}
