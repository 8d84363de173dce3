using Recs.Engine.Model;

namespace Recs.Aot.Recommendations;

/// <summary>The reason a film without evidence among the person's own films gets: how the person's taste group rated it.</summary>
public static class TasteGroupReason
{
    /// <summary>The person's flat taste group by fold-in, or -1 without a trained model with groups or without ratings.</summary>
    public static int GroupOf(TrainedModel? trained, ReadOnlySpan<int> films, ReadOnlySpan<float> stars)
    {
        if (trained?.Groups is null || films.IsEmpty)
            return -1;
        Span<float> direction = trained.TasteRank <= 256 ? stackalloc float[trained.TasteRank] : new float[trained.TasteRank];
        FoldIn.TasteDirection(trained, films, stars, direction);
        return FoldIn.Group(trained, direction);
    }

    /// <summary>
    /// "rated 4.2★ by 37 of the 210 people in your taste group" (the group's trained members who rated the film, their
    /// mean stars, the group's size), or null when there is no group or fewer than <see cref="TasteGroups.MinRaters"/> of it rated the film.
    /// </summary>
    public static string? Describe(TrainedModel? trained, int group, int film) =>
        TryGetSupport(trained, group, film, out int raters, out float mean, out int size)
            ? $"rated {mean:0.0}★ by {raters} of the {size} people in your taste group"
            : null;

    /// <summary>
    /// What <see cref="Describe"/> says: how many of the group's trained members rated the film, their mean stars and
    /// the group's size; false when it says nothing.
    /// </summary>
    public static bool TryGetSupport(TrainedModel? trained, int group, int film, out int raters, out float mean, out int size)
    {
        size = 0;
        if (group < 0 || trained?.Groups is not { } groups || film >= trained.FilmCount
            || !groups.TryGetSupport(group, film, out raters, out mean))
        {
            (raters, mean) = (0, 0);
            return false;
        }
        size = groups.Sizes[group];
        return true;
    }
}
