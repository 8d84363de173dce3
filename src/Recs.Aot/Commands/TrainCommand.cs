namespace Recs.Aot.Commands;

/// <summary>`recs train --ratings FILE …`: runs the model pipeline on a ratings file and reports every stage.</summary>
internal static class TrainCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("recs train: not available in this build");
        return Task.FromResult(1);
    }
}
