using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

/// <summary>
/// Requests that are malformed at the HTTP level — framing, multipart structure, pace, Content-Type — get their 4xx
/// status as problem+json over real sockets, never a 500, and nothing is stored for them.
/// </summary>
[Collection(RequestLimitsCollection.Name)]
public sealed class MalformedRequestTests(RequestLimitsFixture fixture)
{
    private const string CsvHeader = "Date,Name,Year,Letterboxd URI,Rating\n";
    private const string GoodRow = "2024-03-01,Some Film,2001,https://boxd.it/abc,4\n";

    private RunningService Service => fixture.Service;

    [Fact]
    public async Task Multipart_body_without_its_closing_boundary_is_400()
    {
        string body = FilePart("b0undary") + CsvHeader + GoodRow;
        using var response = await PostMultipartAsync("no_closing", "b0undary", body);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "multipart");
        await AssertNotStoredAsync("no_closing");
    }

    [Fact]
    public async Task Multipart_body_using_another_boundary_than_declared_is_400()
    {
        string body = FilePart("actual") + CsvHeader + GoodRow + "\r\n--actual--\r\n";
        using var response = await PostMultipartAsync("other_boundary", "declared", body);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "multipart");
        await AssertNotStoredAsync("other_boundary");
    }

    [Fact]
    public async Task Multipart_body_with_two_files_is_400()
    {
        string body = FilePart("b") + CsvHeader + GoodRow + "\r\n" + FilePart("b") + CsvHeader + GoodRow + "\r\n--b--\r\n";
        using var response = await PostMultipartAsync("two_files", "b", body);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "exactly one file");
        await AssertNotStoredAsync("two_files");
    }

    [Fact]
    public async Task Invalid_chunk_size_is_400_problem_json()
    {
        var response = await RawHttp.ExchangeAsync(Service.Http.BaseAddress!,
            "POST /api/users/bad_chunks/ratings HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n",
            (stream, ct) => stream.WriteAsync("zz\r\nDate,Name\r\n0\r\n\r\n"u8.ToArray(), ct).AsTask(), TimeSpan.FromSeconds(20));
        Assert.True(response.Status == 400, $"bad chunk size → {response.Status}: {response.Head}\n{response.Body}");
        Assert.Equal("application/problem+json", response.Header("Content-Type"));
        Assert.Contains("\"status\":400", response.Body, StringComparison.Ordinal);
        await AssertNotStoredAsync("bad_chunks");
    }

    [Fact]
    public async Task Body_slower_than_the_minimum_data_rate_is_408_problem_json()
    {
        byte[] text = Encoding.UTF8.GetBytes(CsvHeader + GoodRow);
        // Five bytes a second against a minimum of 1000 B/s once the 2 s grace period is over.
        await AssertTimedOutAsync("slow_body", 100_000, async (stream, ct) =>
        {
            for (int i = 0; !ct.IsCancellationRequested; i = (i + 1) % text.Length)
            {
                await stream.WriteAsync(text.AsMemory(i, 1), ct);
                await Task.Delay(200, ct);
            }
        }, "\"status\":408", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Body_above_the_minimum_rate_but_past_the_upload_deadline_is_408_problem_json()
    {
        byte[] header = Encoding.UTF8.GetBytes(CsvHeader);
        byte[] row = Encoding.UTF8.GetBytes(GoodRow);
        // Valid rows at about 2,500 B/s: fast enough for the data rate, too slow to finish within the 4 s deadline.
        await AssertTimedOutAsync("patient_body", 5_000_000, async (stream, ct) =>
        {
            await stream.WriteAsync(header, ct);
            while (!ct.IsCancellationRequested)
            {
                for (int i = 0; i < 50; i++)
                    await stream.WriteAsync(row, ct);
                await Task.Delay(500, ct);
            }
        }, "did not arrive within 4s", TimeSpan.FromSeconds(15));
    }

    // Sends an upload of the declared length through writeBody and checks it was refused 408 in time, storing nothing.
    private async Task AssertTimedOutAsync(string user, int contentLength, Func<Stream, CancellationToken, Task> writeBody, string bodyPart, TimeSpan within)
    {
        var started = DateTime.UtcNow;
        var response = await RawHttp.ExchangeAsync(Service.Http.BaseAddress!,
            $"POST /api/users/{user}/ratings HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\nContent-Length: {contentLength}\r\n",
            writeBody, TimeSpan.FromSeconds(30));
        Assert.True(response.Status == 408, $"{user} → {response.Status}: {response.Head}\n{response.Body}");
        Assert.Equal("application/problem+json", response.Header("Content-Type"));
        Assert.Contains(bodyPart, response.Body, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < within, $"{user} was refused only after {(DateTime.UtcNow - started).TotalSeconds:F1}s");
        await AssertNotStoredAsync(user);
    }

    [Fact]
    public async Task Upload_without_a_content_type_is_415()
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(CsvHeader + GoodRow));
        Assert.Null(content.Headers.ContentType);
        using var response = await Service.Http.PostAsync("/api/users/no_type/ratings", content);
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "no Content-Type");
        await AssertNotStoredAsync("no_type");
    }

    [Fact]
    public async Task Upload_with_an_unsupported_content_type_is_415()
    {
        using var content = new StringContent("{\"ratings\":[]}", Encoding.UTF8, "application/json");
        using var response = await Service.Http.PostAsync("/api/users/json_type/ratings", content);
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "application/json");
    }

    [Fact]
    public async Task Form_urlencoded_upload_is_415_as_it_cannot_carry_a_file()
    {
        using var content = new FormUrlEncodedContent([new("ratings", CsvHeader + GoodRow)]);
        using var response = await Service.Http.PostAsync("/api/users/form_type/ratings", content);
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "x-www-form-urlencoded");
    }

    [Fact]
    public async Task Rating_with_an_unquoted_decimal_comma_is_refused_naming_its_line()
    {
        // "4,5" unquoted is two fields; before, the extra one was ignored and the film stored as 4 stars.
        using var content = new StringContent(CsvHeader + GoodRow + "2024-03-02,Another Film,1999,https://boxd.it/abd,4,5\n", Encoding.UTF8, "text/csv");
        using var response = await Service.Http.PostAsync("/api/users/decimal_comma/ratings", content);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "ratings.csv line 3: 6 fields where the header has 5");
        await AssertNotStoredAsync("decimal_comma");
    }

    private static string FilePart(string boundary) =>
        $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ratings.csv\"\r\nContent-Type: text/csv\r\n\r\n";

    private Task<HttpResponseMessage> PostMultipartAsync(string user, string boundary, string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return Service.Http.PostAsync($"/api/users/{user}/ratings", content);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string detailPart)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(text);
        Assert.Equal((int)expected, doc.RootElement.GetProperty("status").GetInt32());
        string detail = doc.RootElement.GetProperty("detail").GetString() ?? "";
        Assert.True(detail.Contains(detailPart, StringComparison.Ordinal), $"detail '{detail}' does not mention '{detailPart}'");
    }

    private async Task AssertNotStoredAsync(string user)
    {
        using var test = await Service.GetJsonAsync($"/api/test/{user}");
        Assert.False(test.RootElement.GetProperty("exists").GetBoolean(), $"{user} was stored from a refused request");
    }
}
