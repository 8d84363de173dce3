using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Recs.Tests.Aot;

/// <summary>
/// The published binary running as its own process on 127.0.0.1 over the embedded SQLite store in a temporary folder
/// (no PostgreSQL variables reach it), with its output captured for failure messages. Disposing kills it if it still
/// runs and deletes the folder.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process, string folder, int port)
    {
        Process = process;
        Folder = folder;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public Process Process { get; }

    /// <summary>The working folder: the SQLite file is recs.db in it, the snapshot data/model.snapshot.</summary>
    public string Folder { get; }

    public HttpClient Http { get; }

    /// <summary>Everything the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Completes when the process prints its "recs: ready" line (Kestrel listening).</summary>
    public Task Listening => _ready.Task;

    /// <summary>A fresh temporary folder for a store, to import into before <see cref="Start"/>.</summary>
    public static string NewFolder() => Directory.CreateTempSubdirectory("recs-aot-").FullName;

    /// <summary>Runs <c>recs {args}</c> to completion in <paramref name="folder"/> (e.g. an import); returns the exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string folder, TimeSpan limit, params string[] args)
    {
        var psi = Info(folder, args);
        using var process = System.Diagnostics.Process.Start(psi)!;
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
            throw new TimeoutException($"recs {string.Join(' ', args)} ran longer than {limit}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Starts <c>recs serve</c> on a free port in <paramref name="folder"/> with extra configuration arguments.</summary>
    public static ServiceProcess Start(string folder, params string[] args)
    {
        int port = FreePort();
        var process = System.Diagnostics.Process.Start(Info(folder, ["serve", "--urls", $"http://127.0.0.1:{port}", .. args]))!;
        var service = new ServiceProcess(process, folder, port);
        process.OutputDataReceived += (_, e) =>
        {
            service.Append(e.Data);
            if (e.Data?.StartsWith("recs: ready", StringComparison.Ordinal) == true)
                service._ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Waits for the readiness line, failing the test with the output if it does not come in time.</summary>
    public async Task WaitListeningAsync(TimeSpan limit)
    {
        await Task.WhenAny(Listening, Process.WaitForExitAsync(), Task.Delay(limit));
        Assert.True(Listening.IsCompleted, $"the binary did not print its readiness line within {limit}:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!Process.HasExited)
            Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
        Process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        lock (_output)
            _output.AppendLine(line);
    }

    private static ProcessStartInfo Info(string folder, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(AotBinary.Path, args)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in new[] { "PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "DATABASE_URL" })
            psi.Environment.Remove(name);
        psi.Environment["RECS_SQLITE_PATH"] = Path.Combine(folder, "recs.db");
        return psi;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
