namespace Recs.Engine.Storage;

/// <summary>
/// The result of <see cref="IRatingStore.WritePersonAsync"/>: how it ended and, when it wrote, the person's whole stored
/// state read back in the same transaction, with the change sequence that write committed as.
/// </summary>
/// <param name="Outcome">Whether anything was written, and why not.</param>
/// <param name="Sequence">The store's change sequence of this write (see <see cref="IRatingStore.GetChangeSequenceAsync"/>); 0 when nothing was written.</param>
/// <param name="RatedSlugs">Every film the person has rated, ascending by slug (ordinal), parallel to <paramref name="Stars"/>.</param>
/// <param name="Stars">The person's stars, 0.5–5.0.</param>
/// <param name="ExcludedSlugs">Every film excluded for the person (watched or watchlisted), ascending by slug.</param>
public sealed record PersonWriteResult(
    WriteOutcome Outcome,
    long Sequence,
    IReadOnlyList<string> RatedSlugs,
    IReadOnlyList<float> Stars,
    IReadOnlyList<string> ExcludedSlugs)
{
    public bool Stored => Outcome is WriteOutcome.Created or WriteOutcome.Updated;

    /// <summary>A refusal: nothing written, nothing read.</summary>
    public static PersonWriteResult Refused(WriteOutcome outcome) => new(outcome, 0, [], [], []);
}
