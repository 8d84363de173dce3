using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Recs.Engine.Training;
using Recs.Storage.Export;

namespace Recs.Aot.Commands;

/// <summary>
/// `recs generate …`: writes a synthetic ratings set with planted taste clusters (<see cref="SyntheticRatings"/>) and
/// its catalogue (<see cref="SyntheticFilms"/>) in the Letterboxd data set layout, for `recs import letterboxd-dataset`.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var command = new Command("generate", "write a synthetic ratings set with planted tastes, in the layout import letterboxd-dataset reads");
        var bind = GenerateArguments.Bind(command);
        command.SetAction(parsed => Run(bind(parsed), parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>
    /// Generates and writes the set, reporting counts and seconds on <paramref name="stdout"/>; returns 0, or 1 when the
    /// files cannot be written. Throws <see cref="UsageException"/> for a non-empty folder without --force.
    /// </summary>
    public static int Run(GenerateArguments parsed, TextWriter stdout, TextWriter stderr)
    {
        if (!parsed.Force && Directory.Exists(parsed.Out) && Directory.EnumerateFileSystemEntries(parsed.Out).Any())
            throw new UsageException($"{parsed.Out} is not empty; pass --force to write the data set's files into it anyway");

        long started = Stopwatch.GetTimestamp();
        var ratings = SyntheticRatings.Generate(parsed.Users, parsed.Films, parsed.Ratings, parsed.Clusters, parsed.Seed);
        double generated = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var films = SyntheticFilms.For(ratings, parsed.Seed);
        try
        {
            LetterboxdDatasetWriter.Write(parsed.Out, films, ratings);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"recs generate: failed: {e.Message}");
            return 1;
        }
        double total = Stopwatch.GetElapsedTime(started).TotalSeconds;

        long bytes = new DirectoryInfo(parsed.Out).EnumerateFiles().Sum(f => f.Length);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"recs generate: {parsed.Users:N0} users × {parsed.Films:N0} films, {ratings.Count:N0} ratings, {parsed.Clusters} taste clusters, seed {parsed.Seed} → {parsed.Out} ({bytes / 1e6:0.0} MB)"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"recs generate: {total:0.00} s ({generated:0.00} s drawing ratings, {total - generated:0.00} s catalogue and files)"));
        return 0;
    }
}
