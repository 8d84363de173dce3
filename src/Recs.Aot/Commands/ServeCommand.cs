using Recs.Aot.Http;

namespace Recs.Aot.Commands;

/// <summary>`recs serve`: runs the HTTP service until stopped.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        await using var app = RecsApp.Build(args);
        await app.RunAsync();
        return 0;
    }
}
