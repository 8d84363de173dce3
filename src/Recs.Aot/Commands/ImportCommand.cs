namespace Recs.Aot.Commands;

/// <summary>`recs import …`: loads MovieLens, Letterboxd dataset or Letterboxd export files into the store.</summary>
internal static class ImportCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("recs import: not available in this build");
        return Task.FromResult(1);
    }
}
