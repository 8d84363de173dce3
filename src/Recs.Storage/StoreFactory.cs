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

    /// <summary>How processes sharing <paramref name="store"/> coordinate: through PostgreSQL, or not at all for a single-process store.</summary>
    public static IReplicaCoordination CoordinationFor(IRatingStore store) =>
        store is PostgresRatingStore shared ? shared.CreateReplicaCoordination() : new SingleProcessCoordination();

    /// <summary>Creates the store the process environment selects.</summary>
    public static IRatingStore FromEnvironment() => Create(StoreSettings.FromEnvironment());
}
