using Recs.Load;

if (args.Length > 0 && args[0] == "ratio")
{
    try
    {
        return await RatioCommand.RunAsync(args[1..]);
    }
    catch (Exception e) when (e is ArgumentException or FormatException or IOException or System.Text.Json.JsonException or KeyNotFoundException)
    {
        Console.Error.WriteLine($"recs-load ratio: {e.Message}");
        Console.Error.WriteLine(CommandLine.Usage);
        return 2;
    }
}

CommandLine command;
try
{
    command = CommandLine.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or IOException or UriFormatException)
{
    Console.Error.WriteLine($"recs-load: {e.Message}");
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

SuiteResult run;
try
{
    run = await new LoadSuite(command.Settings, command.Limits, Console.Error).RunAsync();
}
catch (InvalidOperationException e)
{
    // The server could not be found; nothing was measured.
    Console.Error.WriteLine($"recs-load: {e.Message}");
    return 2;
}
string markdown = MarkdownReport.Render(run);
Console.Write(markdown);
if (command.MarkdownPath is { } md)
    await File.WriteAllTextAsync(md, markdown);
if (command.JsonPath is { } json)
    await File.WriteAllTextAsync(json, JsonReport.Render(run));
return run.Passed ? 0 : 1;
