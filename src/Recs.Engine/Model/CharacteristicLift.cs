namespace Recs.Engine.Model;

/// <summary>One entry of a group's profile: a film index or genre name with its lift and the group's high ratings behind it.</summary>
public readonly record struct CharacteristicLift(int Film, string? Genre, double Lift, int HighRatings, int Raters, int HalfStarSum);
