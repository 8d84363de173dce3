namespace Recs.Aot.Commands;

/// <summary>`recs eval …`: measures ranking quality (precision, recall, NDCG@k) on held-out ratings.</summary>
internal static class EvalCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("recs eval: not available in this build");
        return Task.FromResult(1);
    }
}
