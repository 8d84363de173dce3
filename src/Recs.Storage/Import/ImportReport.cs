using System.Text;

namespace Recs.Storage.Import;

/// <summary>What one import wrote and what it skipped; malformed rows were skipped while every good row was written.</summary>
public sealed record ImportReport
{
    public required string Source { get; init; }
    public long FilmsUpserted { get; init; }
    public long RatingsUpserted { get; init; }
    public long UsersSeen { get; init; }

    /// <summary>Letterboxd export only: rows whose film was already in the catalogue.</summary>
    public long FilmsMatched { get; init; }

    /// <summary>Letterboxd export only: films added to the catalogue because no existing film matched.</summary>
    public long FilmsCreated { get; init; }

    public long MalformedCount { get; init; }
    public IReadOnlyList<string> MalformedMessages { get; init; } = [];
    public TimeSpan Elapsed { get; init; }

    /// <summary>Where the time went, stage by stage (reading, parsing, writing, index builds, commit); empty when not measured.</summary>
    public IReadOnlyList<(string Stage, TimeSpan Elapsed)> Stages { get; init; } = [];

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append($"imported {Source}: {FilmsUpserted} films, {RatingsUpserted} ratings, {UsersSeen} users");
        if (FilmsMatched > 0 || FilmsCreated > 0)
        {
            text.Append($" ({FilmsMatched} films matched, {FilmsCreated} created)");
        }
        text.Append($", {MalformedCount} malformed rows skipped, in {Elapsed.TotalSeconds:0.0} s");
        foreach (string message in MalformedMessages)
        {
            text.Append("\n  ").Append(message);
        }
        if (MalformedCount > MalformedMessages.Count)
        {
            text.Append($"\n  … and {MalformedCount - MalformedMessages.Count} more");
        }
        return text.ToString();
    }
}
