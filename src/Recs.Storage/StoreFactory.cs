using Recs.Engine.Storage;
using Recs.Storage.Postgres;
using Recs.Storage.Sqlite;

namespace Recs.Storage;

/// <summary>Builds the <see cref="IRatingStore"/> that <see cref="StoreSettings"/> describe; nothing connects until the store is used.</summary>
public static class StoreFactory
{
    /// <summary>Creates the store for <paramref name="settings"/>.</summary>
    public static IRatingStore Create(StoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Kind switch
        {
            StoreKind.Postgres => new PostgresRatingStore(
                settings.PostgresConnectionString ?? throw new ArgumentException("PostgreSQL settings lack a connection string", nameof(settings))),
            _ => new SqliteRatingStore(settings.SqlitePath ?? StoreSettings.DefaultSqlitePath),
        };
    }

    /// <summary>Creates the store the process environment selects.</summary>
    public static IRatingStore FromEnvironment() => Create(StoreSettings.FromEnvironment());
}
