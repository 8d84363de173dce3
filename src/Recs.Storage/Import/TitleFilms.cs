namespace Recs.Storage.Import;

/// <summary>
/// The films that share one normalised title, in the order they were added: nearly always one, so it is held inline
/// and only further films take an array.
/// </summary>
internal readonly record struct TitleFilms(int? FirstYear, string FirstSlug, (int? Year, string Slug)[]? Others)
{
    /// <summary>These films and one more.</summary>
    public TitleFilms With(int? year, string slug) => this with { Others = [.. Others ?? [], (year, slug)] };

    /// <summary>
    /// The first film of <paramref name="year"/>; failing that, for a row without a year, the title's film when it has
    /// only one: a title shared by several films cannot be matched safely without a year.
    /// </summary>
    public string? Find(int? year)
    {
        if (FirstYear == year)
            return FirstSlug;
        foreach (var (otherYear, slug) in Others ?? [])
        {
            if (otherYear == year)
                return slug;
        }
        return year is null && Others is null ? FirstSlug : null;
    }
}
