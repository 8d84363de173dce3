namespace Recs.Tests.Http.Hostile;

/// <summary>
/// An upload body with what it means: the ratings a correct reading stores (catalogue slug → stars, last row winning),
/// whether it is a zip (a zip always writes the person's watched and watchlist exclusions) and what the service may do with it.
/// </summary>
internal sealed record GeneratedUpload(string Kind, byte[] Bytes, UploadOutcome Outcome, IReadOnlyDictionary<string, float> Ratings, bool IsZip)
{
    /// <summary>This upload with a different outcome when <paramref name="other"/> is stricter (Refused, then Unpredictable, then MayStore).</summary>
    public GeneratedUpload Downgrade(UploadOutcome other, string why) =>
        Severity(other) > Severity(Outcome) ? this with { Outcome = other, Kind = $"{Kind}, {why}" } : this with { Kind = $"{Kind}, {why}" };

    /// <summary>This upload with <paramref name="outcome"/> whatever it was: damage such as truncation can make a refused body readable.</summary>
    public GeneratedUpload Override(UploadOutcome outcome, string why) => this with { Outcome = outcome, Kind = $"{Kind}, {why}" };

    public static int Severity(UploadOutcome outcome) => outcome switch
    {
        UploadOutcome.MustStore => 0,
        UploadOutcome.MayStore => 1,
        UploadOutcome.Unpredictable => 2,
        _ => 3,
    };
}
