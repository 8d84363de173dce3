namespace Recs.Storage.Import;

/// <summary>Counts rows that were skipped as malformed and keeps the first few messages, each naming its file and line.</summary>
public sealed class MalformedRows(int keep = MalformedRows.DefaultKeep)
{
    public const int DefaultKeep = 20;

    private readonly List<string> _messages = [];

    /// <summary>How many rows were skipped.</summary>
    public long Count { get; private set; }

    /// <summary>The first messages, in input order, like "ratings.csv line 12: rating '7' is not 0.5–5".</summary>
    public IReadOnlyList<string> Messages => _messages;

    public void Add(string fileName, long line, string message)
    {
        Count++;
        if (_messages.Count < keep)
        {
            _messages.Add($"{fileName} line {line}: {message}");
        }
    }
}
