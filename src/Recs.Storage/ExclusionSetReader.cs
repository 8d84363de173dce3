using Recs.Engine.Storage;

namespace Recs.Storage;

/// <summary>
/// Folds (username, slug) rows ordered by username into one <see cref="ExclusionSet"/> per person; a null slug stands
/// for a person with no exclusions left. Shared by both stores' change queries.
/// </summary>
internal sealed class ExclusionSetReader
{
    private string? _username;
    private List<string> _slugs = [];

    /// <summary>Adds one row; returns the previous person's complete set when this row starts another person, else null.</summary>
    public ExclusionSet? Add(string username, string? slug)
    {
        ExclusionSet? done = null;
        if (!string.Equals(username, _username, StringComparison.Ordinal))
        {
            done = Finish();
            _username = username;
        }
        if (slug is not null)
            _slugs.Add(slug);
        return done;
    }

    /// <summary>The last person's set after the final row, or null when no row was added.</summary>
    public ExclusionSet? Finish()
    {
        if (_username is null)
            return null;
        var set = new ExclusionSet(_username, _slugs);
        _username = null;
        _slugs = [];
        return set;
    }
}
