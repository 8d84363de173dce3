using Recs.Aot.Hosting;
using Recs.Aot.Http;
using Recs.Storage;

namespace Recs.Aot.Commands;

/// <summary>`recs serve [--demo] [ASP.NET options]`: runs the HTTP service on the store the environment selects until stopped.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        StoreSettings settings;
        try
        {
            settings = StoreSettings.FromEnvironment();
        }
        catch (FormatException e)
        {
            throw new UsageException($"database settings: {e.Message}");
        }
        // --demo is shorthand for the configuration key, so the run script and Dockerfile stay readable.
        string[] config = [.. args.Select(a => a == "--demo" ? "--Recs:Demo=true" : a)];
        await using var store = StoreFactory.Create(settings);
        await using var app = RecsApp.Build(config, store, new StoreTarget(settings.Description));
        await app.RunAsync();
        return 0;
    }
}
