using System.CommandLine;
using System.Text.RegularExpressions;
using Recs.Aot.Hosting;
using Recs.Aot.Http;
using Recs.Storage;

namespace Recs.Aot.Commands;

/// <summary>`recs serve [--urls …] [--demo] [--Section:Key=value …]`: runs the HTTP service on the store the environment selects until stopped.</summary>
internal static partial class ServeCommand
{
    public static Command Create()
    {
        var urls = CommandOptions.Text("--urls", "url", "where to listen, e.g. http://0.0.0.0:9000 [default: http://0.0.0.0:$PORT when PORT is set, else http://127.0.0.1:8080]");
        var demo = CommandOptions.Flag("--demo", "seed a synthetic demo catalogue when the store is empty (same as --Recs:Demo=true)");
        var settings = new Argument<string[]>("settings")
        {
            Description = "configuration overrides, each --Section:Key=value (e.g. --Recs:RefreshMinutes=0, --Logging:LogLevel:Default=Warning; docs in README, Configuration)",
            HelpName = "--Section:Key=value",
            Arity = ArgumentArity.ZeroOrMore,
        };
        settings.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!Setting().IsMatch(token.Value))
                    result.AddError($"unknown option '{token.Value}' (configuration overrides take the form --Section:Key=value)");
            }
        });
        var command = new Command("serve", "run the HTTP service (the default command)") { urls, demo, settings };
        command.SetAction((parsed, _) =>
        {
            // The host reads its configuration from these arguments, so the options become configuration keys.
            string[] config =
            [
                .. parsed.GetValue(urls) is { } listen ? [$"--urls={listen}"] : Array.Empty<string>(),
                .. parsed.GetValue(demo) ? ["--Recs:Demo=true"] : Array.Empty<string>(),
                .. parsed.GetValue(settings) ?? [],
            ];
            return RunAsync(config);
        });
        return command;
    }

    private static async Task<int> RunAsync(string[] config)
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
        await using var store = StoreFactory.Create(settings);
        await using var app = RecsApp.Build(config, store, new StoreTarget(settings.Description));
        await app.RunAsync();
        return 0;
    }

    // A configuration key is a path of names separated by colons; its value may be empty.
    [GeneratedRegex(@"^--[A-Za-z][A-Za-z0-9_]*(:[A-Za-z0-9_.]+)+=", RegexOptions.CultureInvariant)]
    private static partial Regex Setting();
}
