using System.Net.Sockets;
using System.Text;

namespace Recs.Tests.Http;

/// <summary>HTTP/1.1 over a bare socket, for requests HttpClient will not send: broken chunked framing, a body trickled byte by byte.</summary>
internal static class RawHttp
{
    /// <summary>The status, the header block and the raw body text (chunk framing included) of a response.</summary>
    public sealed record Response(int Status, string Head, string Body)
    {
        public string? Header(string name) => Head.Split("\r\n")
            .Where(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            .Select(line => line[(name.Length + 1)..].Trim())
            .FirstOrDefault();
    }

    /// <summary>
    /// Sends <paramref name="head"/> (request line and headers, each ending in CRLF; the blank line is added), then lets
    /// <paramref name="writeBody"/> write the body, with a token that is cancelled once the server has answered; reads
    /// the response until the server closes the connection. Fails the test when no answer comes within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<Response> ExchangeAsync(Uri server, string head, Func<Stream, CancellationToken, Task> writeBody, TimeSpan timeout)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "\r\n"));
        using var answered = new CancellationTokenSource();
        var reading = ReadToEndAsync(stream, answered);
        try
        {
            await writeBody(stream, answered.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The server answered and closed while the body was still being written: that is what some tests expect.
        }
        var finished = await Task.WhenAny(reading, Task.Delay(timeout));
        Assert.True(finished == reading, $"no response within {timeout.TotalSeconds}s to {head.Split("\r\n")[0]}");
        string text = await reading;
        int split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, $"not an HTTP response: {text}");
        int status = int.Parse(text.AsSpan(9, 3), provider: System.Globalization.CultureInfo.InvariantCulture);
        return new Response(status, text[..split], text[(split + 4)..]);
    }

    private static async Task<string> ReadToEndAsync(Stream stream, CancellationTokenSource answered)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, read);
                await answered.CancelAsync();
            }
        }
        catch (IOException)
        {
            // A reset after the answer still leaves the answer.
        }
        await answered.CancelAsync();
        return Encoding.UTF8.GetString(received.ToArray());
    }
}
