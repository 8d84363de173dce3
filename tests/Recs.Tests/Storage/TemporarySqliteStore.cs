using Recs.Engine.Storage;
using Recs.Storage.Sqlite;

namespace Recs.Tests.Storage;

/// <summary>A SQLite store in a fresh temporary folder, deleted on dispose.</summary>
public sealed class TemporarySqliteStore : TemporaryStore
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"recs-test-{Guid.NewGuid():N}");
    private readonly SqliteRatingStore _store;

    public TemporarySqliteStore() => _store = new SqliteRatingStore(Path.Combine(_folder, "recs.db"));

    public override IRatingStore Store => _store;

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath => _store.Path;

    public override async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
