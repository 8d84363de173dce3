using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Recs.Engine.Demo;
using Recs.Tests.Http;
using Recs.Tests.Support;

namespace Recs.Tests.Docs;

/// <summary>
/// Replays every example the README marks (scripts/readme-examples.sh writes their answers from the real 1M set)
/// against the service on the demo data, and checks each documented request still answers with the documented shape.
/// The real set's pseudonyms and films are mapped onto demo ones; the values differ, the shape must not.
/// </summary>
public sealed partial class ReadmeExamplesTests(SqliteServiceFixture fixture) : IClassFixture<SqliteServiceFixture>
{
    private const string DocumentedBase = "http://127.0.0.1:8080";

    [GeneratedRegex(@"\bu[0-9a-f]{10}\b")]
    private static partial Regex RealDataUsername();

    private static IReadOnlyList<ReadmeExample> Examples() =>
        ReadmeExamples.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")));

    [Fact]
    public async Task Every_documented_request_answers_with_the_documented_shape()
    {
        var substitutions = Substitutions();
        var failures = new List<string>();
        foreach (var example in Examples())
        {
            string command = substitutions.Aggregate(example.Command, (text, s) => Regex.Replace(text, $@"\b{Regex.Escape(s.Key)}\b", s.Value));
            if (RealDataUsername().Match(command) is { Success: true } unmapped)
            {
                failures.Add($"line {example.Line}: '{unmapped.Value}' has no demo stand-in in {nameof(Substitutions)}");
                continue;
            }
            var curl = CurlCommand.Parse(command, new Dictionary<string, string>());
            using var response = await fixture.Service.Http.SendAsync(Request(curl));
            string body = await response.Content.ReadAsStringAsync();
            if (curl.HeadBytes is int head)
                body = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(body).AsSpan(0, System.Math.Min(head, Encoding.UTF8.GetByteCount(body))));
            if (curl.LinePrefix is { } prefix)
            {
                failures.AddRange(CompareSeries(example, (int)response.StatusCode, body, prefix).Select(f => $"line {example.Line} ({example.Section}) `{command}`: {f}"));
                continue;
            }
            failures.AddRange(Compare(example, (int)response.StatusCode, body, whole: curl.HeadBytes is not null).Select(f => $"line {example.Line} ({example.Section}) `{command}`: {f}"));
        }
        Assert.True(failures.Count == 0, "README examples no longer match the service:\n" + string.Join('\n', failures));
    }

    [Fact]
    public void Every_endpoint_the_readme_documents_has_a_checked_example()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var endpoints = readme.Split('\n').Where(l => l.StartsWith("### `GET ", StringComparison.Ordinal) || l.StartsWith("### `POST ", StringComparison.Ordinal))
            .Select(l => l[4..]).ToList();
        var withExamples = Examples().Select(e => e.Section).ToHashSet();
        Assert.True(endpoints.Count >= 12, $"expected the README's endpoint sections, found {endpoints.Count}");
        var missing = endpoints.Where(e => !withExamples.Contains(e)).ToList();
        Assert.True(missing.Count == 0, "endpoint sections without a marked example: " + string.Join("; ", missing));
    }

    /// <param name="whole">Compare a plain answer as a whole (a `| head -c N` excerpt), not only its first line.</param>
    private static List<string> Compare(ReadmeExample example, int status, string body, bool whole)
    {
        var failures = new List<string>();
        if (example.Language != "json")
        {
            string documentedLine = whole ? example.Answer : example.Answer.Split('\n')[0];
            string answeredLine = whole ? body.TrimEnd('\n') : body.Split('\n')[0].TrimEnd('\r');
            if (status is < 200 or > 299)
                failures.Add($"answered {status}");
            if (documentedLine != answeredLine)
                failures.Add($"first line documented as '{documentedLine}', answered '{answeredLine}'");
            return failures;
        }
        using var documented = ParseOrNull(example.Answer);
        if (documented is null)
        {
            failures.Add("the documented answer is not JSON (run scripts/readme-examples.sh)");
            return failures;
        }
        using var answered = ParseOrNull(body);
        if (answered is null)
        {
            failures.Add($"answered {status} with a body that is not JSON: {Excerpt(body)}");
            return failures;
        }
        var root = documented.RootElement;
        int? problemStatus = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out _)
            && root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : null;
        if (problemStatus is int expected ? status != expected : status is < 200 or > 299)
            failures.Add($"documented {problemStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "2xx"}, answered {status}: {Excerpt(body)}");
        failures.AddRange(JsonShape.Differences(root, answered.RootElement));
        return failures;
    }

    /// <summary>
    /// A `| grep '^name'` excerpt of Prometheus text: every documented series (the name and labels before the value)
    /// must be in the answer; the values are counts and differ.
    /// </summary>
    private static List<string> CompareSeries(ReadmeExample example, int status, string body, string prefix)
    {
        var failures = new List<string>();
        if (status is < 200 or > 299)
            failures.Add($"answered {status}");
        static string Series(string line) => line[..System.Math.Max(0, line.LastIndexOf(' '))];
        var answered = body.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(Series).ToHashSet();
        var documented = example.Answer.Split('\n').Where(l => l.Length > 0).ToList();
        if (documented.Count == 0)
            failures.Add("no documented lines");
        failures.AddRange(documented.Where(l => !l.StartsWith(prefix, StringComparison.Ordinal) || !answered.Contains(Series(l)))
            .Select(l => $"documented '{l}', answered only: {string.Join("; ", answered)}"));
        return failures;
    }

    private static JsonDocument? ParseOrNull(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Excerpt(string body) => body[..System.Math.Min(body.Length, 200)];

    private HttpRequestMessage Request(CurlCommand curl)
    {
        var request = new HttpRequestMessage(new HttpMethod(curl.Method), new Uri(fixture.Service.Http.BaseAddress!, curl.Url.Replace(DocumentedBase, "", StringComparison.Ordinal)));
        string? body = curl.BodyFile switch
        {
            null => curl.Body,
            "ratings.csv" => DemoRatingsCsv(),
            var file => throw new InvalidOperationException($"no test stand-in for the file '{file}' a README example sends"),
        };
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8);
        foreach (var (name, value) in curl.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            else
                request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    /// <summary>The real set's pseudonyms and films the README names, each mapped to a demo stand-in.</summary>
    private static Dictionary<string, string> Substitutions()
    {
        const string person = "demo_001";
        var rated = DemoCatalogue.Ratings().Where(r => r.Username == person).Select(r => r.FilmSlug).ToHashSet();
        var unrated = DemoCatalogue.Films().Select(f => f.Slug).Where(id => !rated.Contains(id)).Take(3).ToList();
        return new Dictionary<string, string>
        {
            ["u3d5da1aa02"] = person,
            ["u88e5e45db9"] = "demo_002",
            ["drive-2011"] = unrated[0],
            ["alien"] = unrated[1],
            ["zodiac"] = unrated[2],
            ["aliens"] = rated.Order(StringComparer.Ordinal).First(),
        };
    }

    private static string DemoRatingsCsv() =>
        LetterboxdExportBuilder.RatingsCsv(DemoCatalogue.Films().Where((_, i) => i % 7 == 0).Take(40).Select((f, i) => (f, (float)(1 + i % 9) / 2)));
}
