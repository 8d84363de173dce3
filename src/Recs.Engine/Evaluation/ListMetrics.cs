namespace Recs.Engine.Evaluation;

/// <summary>Per-list ranking metrics with binary relevance.</summary>
public static class ListMetrics
{
    /// <summary>Relevant films among the first k recommended.</summary>
    public static int Hits(ReadOnlySpan<int> recommended, ReadOnlySpan<int> relevantSorted, int k)
    {
        int hits = 0;
        for (int i = 0; i < System.Math.Min(k, recommended.Length); i++)
        {
            if (relevantSorted.BinarySearch(recommended[i]) >= 0)
                hits++;
        }
        return hits;
    }

    /// <summary>
    /// DCG of the first k (gain 1 per relevant film at rank i, discounted by log2(i + 1), ranks from 1) divided by the
    /// ideal DCG of min(k, |relevant|) hits; 0 when nothing is relevant.
    /// </summary>
    public static double Ndcg(ReadOnlySpan<int> recommended, ReadOnlySpan<int> relevantSorted, int k)
    {
        int ideal = System.Math.Min(k, relevantSorted.Length);
        if (ideal == 0)
            return 0;
        double dcg = 0, idcg = 0;
        for (int i = 0; i < System.Math.Min(k, recommended.Length); i++)
        {
            if (relevantSorted.BinarySearch(recommended[i]) >= 0)
                dcg += 1.0 / System.Math.Log2(i + 2);
        }
        for (int i = 0; i < ideal; i++)
            idcg += 1.0 / System.Math.Log2(i + 2);
        return dcg / idcg;
    }
}
