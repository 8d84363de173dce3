using Recs.Engine.Recommendation;

namespace Recs.Engine.Evaluation;

/// <summary>Top-k selection over a dense score vector that skips the films a person already rated.</summary>
public static class KnownFilmsExcluded
{
    /// <summary>Writes the best-scoring films not in <paramref name="knownSorted"/> to <paramref name="output"/>, best first; returns how many.</summary>
    public static int Top(ReadOnlySpan<float> scores, ReadOnlySpan<int> knownSorted, Span<ScoredFilm> output)
    {
        var top = new TopN(output);
        int next = 0;
        for (int f = 0; f < scores.Length; f++)
        {
            // Known films are ascending, so one forward cursor skips them without a search per film.
            if (next < knownSorted.Length && knownSorted[next] == f)
            {
                next++;
                continue;
            }
            top.Offer(new ScoredFilm(f, scores[f], 0, 0));
        }
        return top.SortDescending();
    }
}
