using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Recs.Tests.Aot;

/// <summary>
/// `recs serve` as a child process on 127.0.0.1 and a free port, over the embedded SQLite store in a folder of its own,
/// with its output captured. Disposing kills it if it is still running and deletes the folder.
/// </summary>
internal sealed partial class RecsProcess : IAsyncDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RecsProcess(string binary, string folder, int port, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        Folder = folder;
        DataFolder = Path.Combine(folder, "data");
        var psi = Info(binary, folder, ["serve", "--urls", $"http://127.0.0.1:{port}", .. args]);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            psi.Environment[name] = value;
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) =>
        {
            Append(e.Data);
            if (e.Data?.StartsWith("recs: ready", StringComparison.Ordinal) == true)
                _ready.TrySetResult();
        };
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(15) };
    }

    /// <summary>The working folder; the store and the model snapshot live in its data folder.</summary>
    public string Folder { get; }

    /// <summary>Where recs.db and (by default, ./data/model.snapshot) the snapshot are written.</summary>
    public string DataFolder { get; }

    public HttpClient Http { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process printed so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>A new temporary folder with its data folder, for a store to import into before <see cref="StartInAsync"/>.</summary>
    public static string NewFolder()
    {
        string folder = Directory.CreateTempSubdirectory("recs-process-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        return folder;
    }

    /// <summary>Runs <c>recs {args}</c> (e.g. an import) to completion over the store of <paramref name="folder"/>; returns the exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string binary, string folder, TimeSpan limit, params string[] args)
    {
        using var process = Process.Start(Info(binary, folder, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"recs {string.Join(' ', args)} ran longer than {limit}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Starts the binary in a new folder and waits (at most <paramref name="readyWithin"/>) for its readiness line.</summary>
    public static Task<RecsProcess> StartAsync(string binary, TimeSpan readyWithin, params string[] args) =>
        StartInAsync(binary, NewFolder(), readyWithin, args);

    /// <summary>Starts the binary over the store already in <paramref name="folder"/> (see <see cref="NewFolder"/>); the folder is deleted on disposal.</summary>
    public static Task<RecsProcess> StartInAsync(string binary, string folder, TimeSpan readyWithin, params string[] args) =>
        LaunchAsync(binary, folder, null, readyWithin, args);

    /// <summary>
    /// Starts the binary in a new folder with <paramref name="environment"/> added to what it inherits (e.g. PG*
    /// variables, which are otherwise removed so that a test never reaches a database by accident).
    /// </summary>
    public static Task<RecsProcess> StartAsync(string binary, IReadOnlyDictionary<string, string> environment, TimeSpan readyWithin, params string[] args) =>
        LaunchAsync(binary, NewFolder(), environment, readyWithin, args);

    private static async Task<RecsProcess> LaunchAsync(
        string binary, string folder, IReadOnlyDictionary<string, string>? environment, TimeSpan readyWithin, string[] args)
    {
        var process = new RecsProcess(binary, folder, FreePort(), args, environment);
        await Task.WhenAny(process._ready.Task, process._process.WaitForExitAsync(), Task.Delay(readyWithin));
        if (!process._ready.Task.IsCompleted)
        {
            string output = process.Output;
            await process.DisposeAsync();
            Assert.Fail($"recs did not print its readiness line within {readyWithin.TotalSeconds:0}s:\n{output}");
        }
        return process;
    }

    /// <summary>Sends SIGTERM, as a container runtime or systemd does to stop a service.</summary>
    public void Terminate()
    {
        if (Kill(_process.Id, SigTerm) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits for the process to exit; false when it is still running after <paramref name="within"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private static ProcessStartInfo Info(string binary, string folder, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(binary, args)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in new[] { "PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "DATABASE_URL", "PORT" })
            psi.Environment.Remove(name);
        psi.Environment["RECS_SQLITE_PATH"] = Path.Combine(folder, "data", "recs.db");
        return psi;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
