namespace Recs.Aot.Http.Contracts;

/// <summary>A film over-represented among a group's high ratings: its lift, the group's high ratings of it, how many members rated it and their mean stars.</summary>
public sealed record CharacteristicFilm(string FilmId, string Title, int? Year, double Lift, int HighRatings, int Raters, double MeanStars);
