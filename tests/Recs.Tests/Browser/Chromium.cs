namespace Recs.Tests.Browser;

/// <summary>Debian's Chromium, the browser the page tests drive: $RECS_CHROMIUM, else /usr/bin/chromium.</summary>
internal static class Chromium
{
    public static string Path =>
        Environment.GetEnvironmentVariable("RECS_CHROMIUM") is { Length: > 0 } given ? given : "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(Path);

    public static string SkipReason =>
        $"Chromium is not installed at {Path} (apt-get install -y chromium; ./test.sh installs it), so the page was not tested in a browser";
}
