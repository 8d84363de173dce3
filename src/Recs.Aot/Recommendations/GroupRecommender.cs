using System.Diagnostics;
using System.Globalization;
using Recs.Aot.Http.Contracts;
using Recs.Engine.Recommendation;
using Recs.Engine.Serving;

namespace Recs.Aot.Recommendations;

/// <summary>
/// Films for people watching together: the candidates are the films none of them rated or excluded (movies only, and
/// rated by someone), each member's blend scores over them come from <see cref="ServingModel.TryScore"/> (the score
/// /rank gives them), and <see cref="GroupAggregation"/> turns the members' fits into the group's score.
/// </summary>
public sealed class GroupRecommender(ModelHolder holder, UploadedUsers uploads, PersonResolver people)
{
    public const int MinMembers = 2;
    public const int MaxMembers = 8;

    /// <summary>How the group score is made, as the response states it.</summary>
    public static readonly string Aggregation = string.Create(CultureInfo.InvariantCulture,
        $"mean of each member's fit (blend score min-max normalised over the candidates) minus {GroupAggregation.MiseryPenalty} × the shortfall of every fit below {GroupAggregation.MiseryThreshold}");

    /// <summary>The outcome: the answer, or why there is none.</summary>
    public readonly record struct Outcome(GroupResponse? Response, string? Unknown, bool Untrained);

    /// <summary>
    /// The best <paramref name="limit"/> films for the normalised, distinct <paramref name="usernames"/>; names the
    /// first member nobody knows (no ratings in the data or an upload), or reports that no trained model serves.
    /// </summary>
    public Outcome Recommend(IReadOnlyList<string> usernames, int limit)
    {
        long started = Stopwatch.GetTimestamp();
        var pending = usernames.Select(uploads.Find).ToArray();
        var model = holder.Current;
        if (model?.Trained is null)
            return new Outcome(null, null, Untrained: true);
        var members = new Person[usernames.Count];
        for (int m = 0; m < members.Length; m++)
        {
            members[m] = people.Resolve(model, usernames[m], pending[m]);
            if (!members[m].HasRatings)
                return new Outcome(null, usernames[m], false);
        }

        var candidates = Candidates(model, members);
        int n = candidates.Length;
        var scored = new ScoredFilm[n];
        var scores = new float[members.Length * n];
        var ranges = new (float Min, float Max)[members.Length];
        for (int m = 0; m < members.Length; m++)
        {
            model.TryScore(members[m].Films.Span, members[m].Stars.Span, candidates, scored);
            var row = scores.AsSpan(m * n, n);
            for (int i = 0; i < n; i++)
                row[i] = scored[i].Score;
            ranges[m] = GroupAggregation.Range(row);
        }

        var group = new ScoredFilm[System.Math.Min(limit, n)];
        var top = new TopN(group);
        Span<float> fits = stackalloc float[members.Length];
        for (int i = 0; i < n; i++)
        {
            for (int m = 0; m < members.Length; m++)
                fits[m] = GroupAggregation.Fit(scores[m * n + i], ranges[m].Min, ranges[m].Max);
            top.Offer(new ScoredFilm(i, GroupAggregation.Aggregate(fits), 0, 0));
        }
        int found = top.SortDescending();

        var data = model.Data;
        var items = new GroupItem[found];
        for (int k = 0; k < found; k++)
        {
            int i = group[k].Film;
            var film = data.Films[candidates[i]];
            var fit = new MemberFit[members.Length];
            for (int m = 0; m < members.Length; m++)
            {
                float score = scores[m * n + i];
                fit[m] = new MemberFit(usernames[m], System.Math.Round(score, 6),
                    System.Math.Round(GroupAggregation.Fit(score, ranges[m].Min, ranges[m].Max), 6));
            }
            items[k] = new GroupItem(film.Slug, film.Title, film.Year, System.Math.Round(group[k].Score, 6), fit);
        }
        var described = new GroupMember[members.Length];
        for (int m = 0; m < members.Length; m++)
            described[m] = new GroupMember(usernames[m], members[m].Films.Length, System.Math.Round(ranges[m].Min, 6), System.Math.Round(ranges[m].Max, 6));
        double elapsed = System.Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3);
        return new Outcome(new GroupResponse([.. usernames], RecommendationMode.Computed, elapsed, model.Version, Aggregation, described, items), null, false);
    }

    // Films someone rated that no member rated or excluded and the default query admits (movies), ascending.
    private static int[] Candidates(ServingModel model, Person[] members)
    {
        var data = model.Data;
        var skip = new bool[data.FilmCount];
        foreach (var member in members)
        {
            foreach (int f in member.Films.Span)
                skip[f] = true;
            if (member.Excluded is { } excluded)
            {
                foreach (int f in excluded)
                    skip[f] = true;
            }
        }
        var candidates = new List<int>();
        for (int f = 0; f < data.FilmCount; f++)
        {
            if (!skip[f] && data.RatingCountOf(f) > 0 && RecommendationQuery.Default.Allows(data.Films[f]))
                candidates.Add(f);
        }
        return [.. candidates];
    }
}
