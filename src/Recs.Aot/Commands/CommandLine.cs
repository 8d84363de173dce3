using Recs.Engine.Training;

namespace Recs.Aot.Commands;

/// <summary>Dispatches the first argument to a command; exit codes: 0 success, 1 failure, 2 usage error.</summary>
internal static class CommandLine
{
    public const string Usage = """
        usage: recs <command> [options]

          serve   [--urls http://127.0.0.1:8080] [--demo]      run the HTTP service (the default command)
          import  movielens <dir> | letterboxd-dataset <dir> | letterboxd-export <username> <ratings.csv|export.zip>
          train   --ratings <ratings.csv[.gz]> [--components 64] [--clusters 2..20 | --clusters 12]
                  [--silhouette-sample 2000] [--seed 42] [--geometry unit|raw] [--json] [--dump <dir>]
          eval    --train <csv> --test <csv> [--k 10] [--json]  |  --ratings <csv> --holdout 0.2 --seed 1
                  [--fold-in-users 0.1] [--tune | --validate]
          generate --users N --films M --ratings R --seed S --out <dir> [--clusters 8] [--force]
                  a synthetic set with planted tastes, in the layout `import letterboxd-dataset` reads

        storage: PostgreSQL when PGHOST/PGDATABASE/... or DATABASE_URL is set, else SQLite in ./data/recs.db
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        string command = args.Length == 0 || args[0].StartsWith('-') ? "serve" : args[0];
        string[] rest = args.Length == 0 || args[0].StartsWith('-') ? args : args[1..];
        try
        {
            return command switch
            {
                "serve" => await ServeCommand.RunAsync(rest),
                "import" => await ImportCommand.RunAsync(rest),
                "train" => await TrainCommand.RunAsync(rest),
                "eval" => await EvalCommand.RunAsync(rest),
                "generate" => await GenerateCommand.RunAsync(rest),
                "help" or "--help" or "-h" => PrintUsage(Console.Out, 0),
                _ => PrintUsage(Console.Error, 2),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"recs {command}: {e.Message}");
            return 2;
        }
        catch (RatingsFileException e)
        {
            // A ratings file that cannot be read is bad input, reported like a usage error rather than a crash.
            Console.Error.WriteLine($"recs {command}: {e.Message}");
            return 2;
        }
    }

    private static int PrintUsage(TextWriter to, int code)
    {
        to.WriteLine(Usage);
        return code;
    }
}
