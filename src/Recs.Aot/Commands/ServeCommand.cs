namespace Recs.Aot.Commands;

/// <summary>`recs serve`: runs the HTTP service until stopped.</summary>
internal static class ServeCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("recs serve: storage is not available in this build");
        return Task.FromResult(1);
    }
}
