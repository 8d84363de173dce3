using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Recs.Tests.Browser;

/// <summary>
/// One headless Chromium page, driven through <see cref="PageDriver"/>'s node process one command at a time, so the
/// tests read as steps and assert in C#. A failed command fails the test with the browser's message and a screenshot.
/// </summary>
internal sealed class BrowserPage : IAsyncDisposable
{
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(30);

    private readonly Process _node;
    private readonly StringBuilder _errors = new();
    private int _lastId;

    private BrowserPage(Process node)
    {
        _node = node;
        _node.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (_errors)
                _errors.AppendLine(e.Data);
        };
        _node.BeginErrorReadLine();
    }

    /// <summary>The browser's version, as Chromium reports it.</summary>
    public string Version { get; private set; } = "";

    /// <summary>Starts Chromium with a page whose relative addresses resolve against <paramref name="baseAddress"/>.</summary>
    public static async Task<BrowserPage> LaunchAsync(Uri baseAddress)
    {
        await PageDriver.EnsureInstalledAsync();
        var psi = new ProcessStartInfo("node", [PageDriver.Script, Chromium.Path, baseAddress.ToString()])
        {
            WorkingDirectory = PageDriver.Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var page = new BrowserPage(Process.Start(psi) ?? throw new InvalidOperationException("node could not be started"));
        page.Version = (string)(await page.ReceiveAsync(0, "launch"))!;
        return page;
    }

    /// <summary>Loads <paramref name="path"/>; returns the HTTP status of the document.</summary>
    public async Task<int> GotoAsync(string path) => (int)(await SendAsync("goto", ("url", path)))!;

    public Task SetViewportAsync(int width, int height) => SendAsync("viewport", ("width", width), ("height", height));

    public Task FillAsync(string selector, string value) => SendAsync("fill", ("selector", selector), ("value", value));

    /// <summary>Presses <paramref name="key"/> (e.g. "Enter", "Tab") in the element <paramref name="selector"/> names.</summary>
    public Task PressAsync(string selector, string key) => SendAsync("press", ("selector", selector), ("key", key));

    /// <summary>Presses <paramref name="key"/> wherever the focus is.</summary>
    public Task KeyboardAsync(string key) => SendAsync("keyboard", ("key", key));

    public Task ClickAsync(string selector) => SendAsync("click", ("selector", selector));

    public Task SelectAsync(string selector, string value) => SendAsync("select", ("selector", selector), ("value", value));

    public Task SetFilesAsync(string selector, string path) => SendAsync("setFiles", ("selector", selector), ("path", path));

    /// <summary>The text content of every element <paramref name="selector"/> matches, in document order.</summary>
    public async Task<string[]> TextsAsync(string selector) =>
        (await SendAsync("texts", ("selector", selector)))!.AsArray().Select(t => (string?)t ?? "").ToArray();

    public async Task<string> TextAsync(string selector) => string.Join("", await TextsAsync(selector));

    /// <summary>The value of a JavaScript expression evaluated in the page.</summary>
    public Task<JsonNode?> EvaluateAsync(string expression) => SendAsync("evaluate", ("expression", expression));

    /// <summary>Waits until <paramref name="expression"/> is truthy in the page; fails the test with <paramref name="what"/> otherwise.</summary>
    public async Task<JsonNode?> WaitForAsync(string expression, string what, int timeoutMs = 10_000)
    {
        try
        {
            return await SendAsync("waitFor", ("expression", expression), ("timeoutMs", timeoutMs));
        }
        catch (BrowserCommandException e)
        {
            throw new BrowserCommandException($"{what} within {timeoutMs} ms: {e.Message}");
        }
    }

    /// <summary>Clicks <paramref name="selector"/> and returns the file the browser downloads: its suggested name and text.</summary>
    public async Task<(string FileName, string Text)> DownloadAsync(string selector)
    {
        var value = (await SendAsync("download", ("selector", selector)))!;
        return ((string)value["filename"]!, (string)value["text"]!);
    }

    /// <summary>Errors the page logged to the console or threw, e.g. a Content-Security-Policy violation.</summary>
    public async Task<string[]> ConsoleErrorsAsync() =>
        (await SendAsync("consoleErrors"))!.AsArray().Select(t => (string?)t ?? "").ToArray();

    public Task ScreenshotAsync(string path) => SendAsync("screenshot", ("path", path));

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_node.HasExited)
            {
                await _node.StandardInput.WriteLineAsync("{\"op\":\"close\"}");
                await _node.StandardInput.FlushAsync();
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _node.WaitForExitAsync(limit.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // A driver that does not close in time is ended with its browser below.
        }
        if (!_node.HasExited)
            _node.Kill(entireProcessTree: true);
        await _node.WaitForExitAsync();
        _node.Dispose();
    }

    private async Task<JsonNode?> SendAsync(string op, params (string Name, JsonNode? Value)[] arguments)
    {
        int id = ++_lastId;
        var command = new JsonObject { ["id"] = id, ["op"] = op };
        foreach (var (name, value) in arguments)
            command[name] = value;
        await _node.StandardInput.WriteLineAsync(command.ToJsonString());
        await _node.StandardInput.FlushAsync();
        try
        {
            return await ReceiveAsync(id, command.ToJsonString());
        }
        catch (BrowserCommandException e) when (op != "screenshot" && !_node.HasExited)
        {
            // What the page looked like when a step failed says more than the message alone.
            string shot = Path.Combine(Path.GetTempPath(), $"recs-page-failure-{Environment.ProcessId}-{id}.png");
            try
            {
                await SendAsync("screenshot", ("path", shot));
            }
            catch (BrowserCommandException)
            {
                shot = "none could be taken";
            }
            throw new BrowserCommandException($"{e.Message} (screenshot: {shot})");
        }
    }

    private async Task<JsonNode?> ReceiveAsync(int id, string what)
    {
        string? line = await _node.StandardOutput.ReadLineAsync().WaitAsync(CommandLimit);
        if (line is null)
            throw new BrowserCommandException($"the browser driver exited during {what}:\n{StandardError}");
        var reply = JsonNode.Parse(line)!.AsObject();
        if ((int)reply["id"]! != id)
            throw new BrowserCommandException($"the browser driver answered command {reply["id"]} to command {id} ({what})");
        if (!(bool)reply["ok"]!)
            throw new BrowserCommandException($"{what}: {reply["error"]}");
        return reply["value"];
    }

    private string StandardError
    {
        get
        {
            lock (_errors)
                return _errors.ToString();
        }
    }
}
