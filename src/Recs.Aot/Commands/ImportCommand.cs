using System.CommandLine;
using Recs.Engine.Catalog;
using Recs.Engine.Storage;
using Recs.Storage;
using Recs.Storage.Import;

namespace Recs.Aot.Commands;

/// <summary>`recs import …`: loads MovieLens, Letterboxd dataset or Letterboxd export files into the store.</summary>
internal static class ImportCommand
{
    private delegate Task<ImportReport> Import(IRatingStore store, IProgress<ImportProgress> progress, CancellationToken ct);

    public static Command Create()
    {
        var movieLensDir = Folder("MovieLens folder holding ratings.csv and movies.csv");
        var movieLens = new Command("movielens", "import a MovieLens folder (ml-latest-small, ml-25m, …)") { movieLensDir };
        movieLens.SetAction((parsed, _) =>
            RunAsync(parsed, (store, progress, ct) => Importer.ImportMovieLensAsync(store, parsed.GetRequiredValue(movieLensDir), progress, ct)));

        var datasetDir = Folder("folder holding ratings.csv[.gz] and movies.csv in the Letterboxd data set layout");
        var dataset = new Command("letterboxd-dataset", "import a scraped Letterboxd data set (or one written by recs generate)") { datasetDir };
        dataset.SetAction((parsed, _) =>
            RunAsync(parsed, (store, progress, ct) => Importer.ImportLetterboxdDatasetAsync(store, parsed.GetRequiredValue(datasetDir), progress, ct)));

        var username = new Argument<string>("username") { Description = "the Letterboxd username the ratings belong to" };
        username.Validators.Add(result =>
        {
            string name = result.GetValueOrDefault<string>() ?? "";
            if (!Username.TryNormalize(name, out _, out string? why))
                result.AddError($"invalid username '{name}': {why}");
        });
        var file = new Argument<string>("file") { Description = "the account's ratings.csv, or the whole export .zip" };
        var export = new Command("letterboxd-export", "import one Letterboxd account's export") { username, file };
        export.SetAction((parsed, _) =>
            RunAsync(parsed, (store, progress, ct) => Importer.ImportLetterboxdExportAsync(store, parsed.GetRequiredValue(username), parsed.GetRequiredValue(file), progress, ct)));

        return new Command("import", "load ratings and films into the store") { movieLens, dataset, export };
    }

    private static Argument<string> Folder(string description)
    {
        var folder = new Argument<string>("dir") { Description = description };
        folder.Validators.Add(result =>
        {
            string dir = result.GetValueOrDefault<string>() ?? "";
            if (!Directory.Exists(dir))
                result.AddError($"{dir}: no such directory");
        });
        return folder;
    }

    private static async Task<int> RunAsync(ParseResult parsed, Import import)
    {
        var stdout = parsed.InvocationConfiguration.Output;
        var stderr = parsed.InvocationConfiguration.Error;
        StoreSettings settings;
        try
        {
            settings = StoreSettings.FromEnvironment();
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            await using var store = StoreFactory.Create(settings);
            stderr.WriteLine($"recs import: store {settings.Description}");
            await StoreRetryPolicy.Startup.RunAsync(store.MigrateAsync,
                failure => stderr.WriteLine($"recs import: {store.Kind} store not ready ({failure}); retrying in {failure.NextDelay.TotalSeconds:0.#} s"),
                cancel.Token);
            stderr.WriteLine($"recs import: {store.Kind} store ready");
            var report = await import(store, new WriterProgress(stderr), cancel.Token);
            foreach (var (stage, elapsed) in report.Stages)
                stderr.WriteLine($"recs import: stage {stage}: {elapsed.TotalSeconds:0.0} s");
            stdout.WriteLine(report);
            return 0;
        }
        catch (Exception e)
        {
            // Whatever went wrong, the store holds either the whole of a write or none of it; say so with exit code 1.
            stderr.WriteLine($"recs import: failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>Writes progress lines synchronously, in order, as the importer reports them.</summary>
    private sealed class WriterProgress(TextWriter to) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => to.WriteLine($"recs import: {value.File}: {value.RowsRead:N0} rows read");
    }
}
