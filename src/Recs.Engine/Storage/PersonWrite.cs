using Recs.Engine.Catalog;

namespace Recs.Engine.Storage;

/// <summary>
/// One person's upload, written by <see cref="IRatingStore.WritePersonAsync"/> in a single transaction: ratings to insert
/// or replace, and (when <see cref="Exclusions"/> is not null) the film slugs that replace the person's exclusions.
/// </summary>
/// <param name="Username">Normalised username; every rating in <paramref name="Ratings"/> must carry it.</param>
/// <param name="Ratings">Ratings of catalogue films; an unknown slug throws <see cref="ArgumentException"/> and nothing is written.</param>
/// <param name="Exclusions">Watched or watchlisted film slugs replacing the stored ones, or null to leave them; unknown slugs are skipped.</param>
/// <param name="Authority">What the caller proved: the service API key, or possibly a per-person token.</param>
/// <param name="PresentedTokenHash">SHA-256 of the per-person token the caller sent, or null when none was sent.</param>
/// <param name="NewTokenHash">SHA-256 of the token to store when this write creates the person (returned to them once).</param>
public sealed record PersonWrite(
    string Username,
    IReadOnlyList<RatingRecord> Ratings,
    IReadOnlyList<string>? Exclusions,
    WriteAuthority Authority,
    byte[]? PresentedTokenHash,
    byte[] NewTokenHash);
