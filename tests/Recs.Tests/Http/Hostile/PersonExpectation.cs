namespace Recs.Tests.Http.Hostile;

/// <summary>
/// What the store must hold for one person, kept as their uploads are answered. Uploads for one person are sent one
/// at a time (<see cref="Gate"/>), so each answer can be checked against everything before it.
/// </summary>
internal sealed class PersonExpectation(string username, bool imported, Dictionary<string, float> ratings)
{
    public string Username { get; } = username;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>From the imported data set: only the API key may write them.</summary>
    public bool Imported { get; } = imported;

    /// <summary>Imported, or created by an accepted upload: from now on only their token or the API key may write them.</summary>
    public bool Exists { get; set; } = imported;

    /// <summary>The write token their first accepted upload returned.</summary>
    public string? Token { get; set; }

    /// <summary>The ratings the store must hold for them (slug → stars), while <see cref="Exact"/>.</summary>
    public Dictionary<string, float> Ratings { get; } = ratings;

    /// <summary>False once an accepted upload's effect could not be predicted: then only the count is checked, against <see cref="LastTotal"/>.</summary>
    public bool Exact { get; set; } = true;

    /// <summary>The total_ratings of the last accepted upload.</summary>
    public int? LastTotal { get; set; }

    /// <summary>How many of their uploads were answered 2xx.</summary>
    public int Accepted { get; set; }
}
