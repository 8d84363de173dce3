namespace Recs.Engine.Storage;

/// <summary>
/// One person's whole stored state as read by <see cref="IRatingStore.ReadPersonAsync"/>, with the store change sequence
/// it was read at: every write committed at or below <paramref name="Sequence"/> is in it.
/// </summary>
/// <param name="Sequence">The store's change sequence in the snapshot the person was read from.</param>
/// <param name="RatedSlugs">Every film the person has rated, ascending by slug (ordinal), parallel to <paramref name="Stars"/>.</param>
/// <param name="Stars">The person's stars, 0.5–5.0.</param>
/// <param name="ExcludedSlugs">Every film excluded for the person (watched or watchlisted), ascending by slug.</param>
public sealed record StoredPerson(long Sequence, IReadOnlyList<string> RatedSlugs, IReadOnlyList<float> Stars, IReadOnlyList<string> ExcludedSlugs);
