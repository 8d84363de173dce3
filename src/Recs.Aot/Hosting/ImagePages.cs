using System.Globalization;
using System.Runtime.InteropServices;

namespace Recs.Aot.Hosting;

/// <summary>
/// Takes the executable's read-only pages out of the resident set once the code that needed them has run (starting,
/// training), so that what stays resident is what serving touches. The binary is about 30 MB and a start maps most of
/// it: start-up and training code, the type data the runtime expands once. Dropping a clean page of a file mapping
/// loses nothing: the next use maps it again from the page cache (a minor fault, no disk read while the file is
/// cached). Only mappings that are private, not writable and hold no copied page qualify, so relocated or written
/// pages are never touched.
/// </summary>
internal static partial class ImagePages
{
    private const int MadviseDontNeed = 4;

    private static readonly Lock Gate = new();
    private static long _lastReleased;
    private static long _releases;

    /// <summary>Resident bytes of the executable's mappings the last release dropped (0 before the first, or off Linux).</summary>
    public static long LastReleasedBytes => Interlocked.Read(ref _lastReleased);

    /// <summary>How many releases have run in this process.</summary>
    public static long Releases => Interlocked.Read(ref _releases);

    /// <summary>Starts a release on the thread pool after <paramref name="delay"/>; the caller (a model swap) does not wait for it.</summary>
    public static void ReleaseInBackground(TimeSpan delay) =>
        // Task.Delay of zero is already complete, so the release is simply queued.
        _ = Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero).ContinueWith(static _ => Release(Environment.ProcessPath),
            CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

    /// <summary>
    /// Drops the resident pages of <paramref name="path"/>'s qualifying mappings in this process; returns the resident
    /// bytes they held. Does nothing off Linux or when /proc cannot be read.
    /// </summary>
    public static long Release(string? path)
    {
        if (!OperatingSystem.IsLinux() || string.IsNullOrEmpty(path))
            return 0;
        lock (Gate)
        {
            long released = 0;
            try
            {
                foreach (var mapping in ReadMappings(File.ReadLines("/proc/self/smaps"), path))
                {
                    if (mapping.Qualifies && Madvise(mapping.Start, mapping.Length, MadviseDontNeed) == 0)
                        released += mapping.ResidentBytes;
                }
            }
            catch (IOException)
            {
                return 0;
            }
            catch (UnauthorizedAccessException)
            {
                return 0;
            }
            Interlocked.Exchange(ref _lastReleased, released);
            Interlocked.Increment(ref _releases);
            return released;
        }
    }

    /// <summary>The mappings of <paramref name="path"/> in an smaps listing, with what decides whether one may be dropped.</summary>
    internal static IEnumerable<ImageMapping> ReadMappings(IEnumerable<string> smaps, string path)
    {
        ImageMapping? current = null;
        foreach (string line in smaps)
        {
            if (TryParseHeader(line, path, out var header, out bool isMapping))
            {
                if (current is { } done)
                    yield return done;
                current = header;
                continue;
            }
            if (isMapping)
            {
                // A mapping of another file or of anonymous memory: stop collecting fields for the previous one.
                if (current is { } done)
                    yield return done;
                current = null;
                continue;
            }
            if (current is not { } open)
                continue;
            if (line.StartsWith("Rss:", StringComparison.Ordinal))
                current = open with { ResidentBytes = Kilobytes(line) };
            else if (line.StartsWith("Anonymous:", StringComparison.Ordinal))
                current = open with { CopiedBytes = Kilobytes(line) };
        }
        if (current is { } last)
            yield return last;
    }

    // "55a7...-55a7... r-xp 00034000 fd:01 1234   /path/to/recs": a mapping header; field lines ("Rss:  12 kB") have
    // no address range first.
    private static bool TryParseHeader(string line, string path, out ImageMapping mapping, out bool isMapping)
    {
        mapping = default;
        isMapping = false;
        int space = line.IndexOf(' ', StringComparison.Ordinal);
        int dash = line.IndexOf('-', StringComparison.Ordinal);
        if (space <= 0 || dash <= 0 || dash > space || line.Length < space + 5)
            return false;
        if (!nint.TryParse(line.AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out nint start)
            || !nint.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out nint end))
            return false;
        isMapping = true;
        var named = line.AsSpan().TrimEnd();
        if (named.Length <= path.Length || !named.EndsWith(path, StringComparison.Ordinal) || named[^(path.Length + 1)] != ' ')
            return false;
        var permissions = line.AsSpan(space + 1, 4);
        mapping = new ImageMapping(start, (nuint)(end - start), Writable: permissions[1] == 'w', Private: permissions[3] == 'p', ResidentBytes: 0, CopiedBytes: 0);
        return true;
    }

    private static long Kilobytes(string line)
    {
        var digits = line.AsSpan(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim();
        int unit = digits.IndexOf(' ');
        return long.TryParse(unit < 0 ? digits : digits[..unit], NumberStyles.None, CultureInfo.InvariantCulture, out long kb) ? kb * 1024 : 0;
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
