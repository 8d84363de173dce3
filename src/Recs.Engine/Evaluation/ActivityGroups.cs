namespace Recs.Engine.Evaluation;

/// <summary>
/// A seeded sample of evaluated users in three equal-sized groups by how many ratings they have: light, medium and
/// heavy raters (the lower, middle and upper third of all evaluated users by rating count).
/// </summary>
public sealed record ActivityGroups(IReadOnlyList<EvalUser> Light, IReadOnlyList<EvalUser> Medium, IReadOnlyList<EvalUser> Heavy)
{
    /// <summary>The group names, in the order of <see cref="All"/>.</summary>
    public static readonly string[] Names = ["light", "medium", "heavy"];

    /// <summary>The three groups, lightest first.</summary>
    public IReadOnlyList<EvalUser>[] All => [Light, Medium, Heavy];

    /// <summary>
    /// Splits <paramref name="users"/> into thirds by rating count (ties by their order in the list) and draws up to
    /// <paramref name="perGroup"/> users from each third with <paramref name="seed"/>; the same inputs give the same sample.
    /// </summary>
    public static ActivityGroups Sample(IReadOnlyList<EvalUser> users, int perGroup, int seed)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentOutOfRangeException.ThrowIfNegative(perGroup);
        var byActivity = users.Select((u, i) => (User: u, Index: i)).OrderBy(x => x.User.Films.Length).ThenBy(x => x.Index).Select(x => x.User).ToArray();
        var random = new Random(seed);
        var groups = new List<EvalUser>[3];
        for (int g = 0; g < 3; g++)
        {
            int from = byActivity.Length * g / 3, to = byActivity.Length * (g + 1) / 3;
            var third = byActivity[from..to];
            random.Shuffle(third);
            groups[g] = [.. third.Take(perGroup)];
        }
        return new ActivityGroups(groups[0], groups[1], groups[2]);
    }
}
