namespace Recs.Aot.Http.Contracts;

/// <summary>A genre over-represented among a group's high ratings, with the group's high ratings of its films.</summary>
public sealed record CharacteristicGenre(string Genre, double Lift, int HighRatings);
