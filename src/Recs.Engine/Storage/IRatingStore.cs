using Recs.Engine.Catalog;
using Recs.Engine.Data;

namespace Recs.Engine.Storage;

/// <summary>
/// Persistent users, films and ratings. Implemented by PostgreSQL and by the embedded SQLite default;
/// both pass one shared test suite. Every write is idempotent: writing the same rows twice changes nothing.
/// </summary>
public interface IRatingStore : IAsyncDisposable
{
    /// <summary>"postgres" or "sqlite".</summary>
    string Kind { get; }

    /// <summary>Creates or upgrades the schema; safe to call on every start.</summary>
    Task MigrateAsync(CancellationToken ct = default);

    /// <summary>Runs a trivial query and returns its round-trip time; throws when the database is unreachable.</summary>
    Task<TimeSpan> PingAsync(CancellationToken ct = default);

    Task<StoreCounts> CountAsync(CancellationToken ct = default);

    /// <summary>Inserts new films and updates changed ones by slug, in one transaction; returns the number of rows given.</summary>
    Task<int> UpsertFilmsAsync(IEnumerable<Film> films, CancellationToken ct = default);

    /// <summary>
    /// Inserts or replaces ratings (one row per user and film), creating users as needed, in one transaction.
    /// Every film slug must already exist; an unknown slug throws <see cref="ArgumentException"/> and nothing is written.
    /// </summary>
    Task<int> UpsertRatingsAsync(IEnumerable<RatingRecord> ratings, CancellationToken ct = default);

    /// <summary>
    /// <see cref="UpsertRatingsAsync(IEnumerable{RatingRecord}, CancellationToken)"/>, recording the time of each of its
    /// stages (ids loaded, rows written, indexes built, commit) in <paramref name="stages"/> when given.
    /// </summary>
    /// <remarks>A store that measures nothing keeps this default, which records no stage.</remarks>
    Task<int> UpsertRatingsAsync(IEnumerable<RatingRecord> ratings, StageTimes? stages, CancellationToken ct = default) =>
        UpsertRatingsAsync(ratings, ct);

    /// <summary>Every film in the catalogue.</summary>
    Task<IReadOnlyList<Film>> LoadFilmsAsync(CancellationToken ct = default);

    /// <summary>Streams every rating, ordered by username then film slug.</summary>
    IAsyncEnumerable<RatingRecord> ReadAllRatingsAsync(CancellationToken ct = default);

    /// <summary>
    /// Reads the whole store from one snapshot into <paramref name="builder"/> by id: every film in
    /// <see cref="LoadFilmsAsync"/> order, every user by username in ordinal order, then every rating and exclusion.
    /// The dataset built then equals one built by <see cref="RatingsDatasetBuilder"/> from <see cref="LoadFilmsAsync"/>,
    /// <see cref="ReadAllRatingsAsync"/> and <see cref="ReadAllExclusionsAsync"/> read at the same moment.
    /// </summary>
    Task ReadAllByIdAsync(IdRatingsDatasetBuilder builder, CancellationToken ct = default);

    /// <summary>
    /// The store's change sequence: a number that grows with every committed write of films, ratings or exclusions, in
    /// commit order. Everything committed at or below the value read is visible to any read that starts afterwards, so
    /// data read after this call holds at least the state of that sequence.
    /// </summary>
    Task<long> GetChangeSequenceAsync(CancellationToken ct = default);

    /// <summary>Streams every stored exclusion (watched or watchlisted films of uploaders), ordered by username then slug.</summary>
    IAsyncEnumerable<ExclusionRecord> ReadAllExclusionsAsync(CancellationToken ct = default);

    /// <summary>
    /// Films inserted or changed by a write whose change sequence is greater than <paramref name="since"/>, ordered by slug;
    /// rows last written before schema version 3 count as sequence 0.
    /// </summary>
    Task<IReadOnlyList<Film>> LoadFilmsChangedSinceAsync(long since, CancellationToken ct = default);

    /// <summary>Streams the ratings inserted or changed by a write with sequence greater than <paramref name="since"/>, ordered by username then film slug.</summary>
    IAsyncEnumerable<RatingRecord> ReadRatingsChangedSinceAsync(long since, CancellationToken ct = default);

    /// <summary>
    /// Streams, for every person whose exclusions were changed by a write with sequence greater than <paramref name="since"/>,
    /// their complete current exclusion set (empty when all were removed), ordered by username.
    /// </summary>
    IAsyncEnumerable<ExclusionSet> ReadExclusionSetsChangedSinceAsync(long since, CancellationToken ct = default);

    /// <summary>How many rows <see cref="ReadRatingsChangedSinceAsync"/> would return for <paramref name="since"/>, counted without reading them.</summary>
    Task<long> CountRatingsChangedSinceAsync(long since, CancellationToken ct = default);

    /// <summary>
    /// Writes one person's upload in one transaction, after checking the caller may write that person (see
    /// <see cref="WriteOutcome"/>): creates them with the new token's hash when they do not exist, inserts or replaces the
    /// ratings, replaces the exclusions when given, advances the change sequence, and reads the person back. Concurrent
    /// writes are serialised, so no write is lost and each read-back reflects every write committed before it.
    /// A refusal writes nothing. An unknown rated film slug throws <see cref="ArgumentException"/> and writes nothing.
    /// </summary>
    Task<PersonWriteResult> WritePersonAsync(PersonWrite write, CancellationToken ct = default);

    /// <summary>
    /// One person's ratings and exclusions with the change sequence they were read at, all from one snapshot; null when
    /// no person has the (normalised) <paramref name="username"/>.
    /// </summary>
    Task<StoredPerson?> ReadPersonAsync(string username, CancellationToken ct = default);

    /// <summary>Reads a small named setting (e.g. "demo"), or null when it was never set.</summary>
    Task<string?> GetMetaAsync(string key, CancellationToken ct = default);

    Task SetMetaAsync(string key, string value, CancellationToken ct = default);
}
