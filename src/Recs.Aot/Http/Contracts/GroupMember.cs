namespace Recs.Aot.Http.Contracts;

/// <summary>One member of a group: how many films they rated, and the least and greatest blend score over the group's candidates.</summary>
public sealed record GroupMember(string Username, int Ratings, double MinScore, double MaxScore);
