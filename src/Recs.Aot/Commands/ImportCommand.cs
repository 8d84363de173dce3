using Recs.Engine.Catalog;
using Recs.Storage;
using Recs.Storage.Import;

namespace Recs.Aot.Commands;

/// <summary>`recs import …`: loads MovieLens, Letterboxd dataset or Letterboxd export files into the store.</summary>
internal static class ImportCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (kind, operands) = args switch
        {
            ["movielens", var dir] => ("movielens", new[] { dir }),
            ["letterboxd-dataset", var dir] => ("letterboxd-dataset", new[] { dir }),
            ["letterboxd-export", var user, var file] => ("letterboxd-export", new[] { user, file }),
            _ => throw new UsageException(
                "usage: recs import movielens <dir> | letterboxd-dataset <dir> | letterboxd-export <username> <ratings.csv|export.zip>"),
        };
        if (kind != "letterboxd-export" && !Directory.Exists(operands[0]))
        {
            throw new UsageException($"{operands[0]}: no such directory");
        }
        if (kind == "letterboxd-export" && !Username.TryNormalize(operands[0], out _, out string? userError))
        {
            throw new UsageException($"invalid username '{operands[0]}': {userError}");
        }

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
            Console.Error.WriteLine($"recs import: store {settings.Description}");
            await StoreConnector.MigrateWithRetryAsync(store, log: message => Console.Error.WriteLine($"recs import: {message}"), ct: cancel.Token);
            var progress = new ConsoleProgress();
            var report = kind switch
            {
                "movielens" => await Importer.ImportMovieLensAsync(store, operands[0], progress, cancel.Token),
                "letterboxd-dataset" => await Importer.ImportLetterboxdDatasetAsync(store, operands[0], progress, cancel.Token),
                _ => await Importer.ImportLetterboxdExportAsync(store, operands[0], operands[1], progress, cancel.Token),
            };
            Console.Out.WriteLine(report);
            return 0;
        }
        catch (Exception e) when (e is not UsageException)
        {
            // Whatever went wrong, the store holds either the whole of a write or none of it; say so with exit code 1.
            Console.Error.WriteLine($"recs import: failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>Writes progress lines to stderr synchronously, in order, as the importer reports them.</summary>
    private sealed class ConsoleProgress : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) =>
            Console.Error.WriteLine($"recs import: {value.File}: {value.RowsRead:N0} rows read");
    }
}
