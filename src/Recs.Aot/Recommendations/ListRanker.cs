using System.Diagnostics;
using Recs.Aot.Http.Contracts;
using Recs.Engine.Recommendation;
using Recs.Engine.Serving;

namespace Recs.Aot.Recommendations;

/// <summary>
/// Orders a list someone brings (a festival line-up, a watchlist) by their predicted fit: each entry is matched to the
/// catalogue, the films they have not rated are scored by the same blend as their recommendations
/// (<see cref="ServingModel.TryScore"/>) and explained by their own films; films they rated come back apart with their
/// stars. Someone the service does not know, or a model not trained yet, gets the list in order of popularity. Reads
/// only the serving model.
/// </summary>
public sealed class ListRanker(ModelHolder holder, UploadedUsers uploads, PersonResolver people)
{
    /// <summary>The most films one list may hold.</summary>
    public const int MaxFilms = 1000;

    // A matcher of its own: building one per request would cost more than the ranking.
    private readonly UploadMatcher _matcher = new();

    /// <summary>The ranked list for a normalised username, or null while no model is loaded.</summary>
    public RankResponse? Rank(string username, IReadOnlyList<RankEntry> entries)
    {
        long started = Stopwatch.GetTimestamp();
        var pending = uploads.Find(username);
        if (holder.Current is not { } model)
            return null;
        var data = model.Data;
        var person = people.Resolve(model, username, pending);

        // Matched films in list order, each once; unmatched entries as sent.
        var matcher = _matcher.For(data.Films);
        var seen = new HashSet<int>();
        var candidates = new List<int>(entries.Count);
        var rated = new List<RatedFilmItem>();
        var unmatched = new List<string>();
        var ratedFilms = person.Films.Span;
        foreach (var entry in entries)
        {
            int film = data.FilmIndex.TryGetValue(entry.Uri, out int bySlug) ? bySlug
                : matcher.Find(entry.Uri, entry.Name, entry.Year) is { } slug && data.FilmIndex.TryGetValue(slug, out int matched) ? matched
                : -1;
            if (film < 0)
            {
                unmatched.Add(entry.Shown);
                continue;
            }
            if (!seen.Add(film))
                continue;
            int at = ratedFilms.BinarySearch(film);
            if (at >= 0)
            {
                var f = data.Films[film];
                rated.Add(new RatedFilmItem(f.Slug, f.Title, f.Year, person.Stars.Span[at]));
            }
            else
            {
                candidates.Add(film);
            }
        }

        var scored = new ScoredFilm[candidates.Count];
        string mode = RecommendationMode.Computed;
        string? note = null;
        if (!person.HasRatings || !model.TryScore(ratedFilms, person.Stars.Span, candidates.ToArray(), scored))
        {
            mode = RecommendationMode.Fallback;
            note = person.HasRatings
                ? "no trained model yet: the list is ordered by popularity"
                : "unknown user: the list is ordered by popularity";
            for (int i = 0; i < scored.Length; i++)
                scored[i] = new ScoredFilm(candidates[i], model.Popularity.Scores[candidates[i]], RecommendationService.PopularMarker, 0);
        }
        else
        {
            // A film nobody of the person's taste group rated has no group figures to quote: its reason is popularity.
            for (int i = 0; i < scored.Length; i++)
            {
                if (scored[i].Supporters == 0)
                    scored[i] = scored[i] with { Supporters = RecommendationService.PopularMarker };
            }
        }
        // Best first; equal scores keep list order (a stable sort on the score alone).
        var order = Enumerable.Range(0, scored.Length).OrderByDescending(i => scored[i].Score).ToArray();
        var ranked = order.Select(i => scored[i]).ToArray();
        var because = mode == RecommendationMode.Computed
            ? RecommendationService.Explain(model, person, ranked)
            : Enumerable.Repeat(FilmEvidence.None, ranked.Length).ToArray();
        var items = RecommendationService.Materialise(model, ranked, because, ranked.Length);
        return new RankResponse(username, mode, System.Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3), model.Version,
            items, rated, unmatched, note);
    }
}
