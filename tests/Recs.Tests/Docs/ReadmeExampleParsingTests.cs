namespace Recs.Tests.Docs;

/// <summary>The README example reader and the curl reader the example test replays with.</summary>
public sealed class ReadmeExampleParsingTests
{
    [Fact]
    public void A_marked_example_pairs_its_command_with_the_next_block_and_again_repeats_it()
    {
        const string markdown = """
            ### `GET /x`
            <!-- example -->
            ```sh
            curl -s -X POST -H 'A: b' \
              -d '{"k":1}' \
              http://127.0.0.1:8080/x
            ```
            Some words.
            ```json
            {"a":1}
            ```
            <!-- example again wait=2 -->
            ```json
            {"a":2}
            ```
            ```sh
            curl -s http://127.0.0.1:8080/unmarked
            ```
            ```
            not an example
            ```
            """;
        var examples = ReadmeExamples.Parse(markdown.Replace("\r", "", StringComparison.Ordinal));
        Assert.Equal(2, examples.Count);
        Assert.Equal("curl -s -X POST -H 'A: b' -d '{\"k\":1}' http://127.0.0.1:8080/x", examples[0].Command);
        Assert.Equal(("json", "{\"a\":1}", "`GET /x`"), (examples[0].Language, examples[0].Answer, examples[0].Section));
        Assert.Equal((examples[0].Command, "{\"a\":2}"), (examples[1].Command, examples[1].Answer));
    }

    [Fact]
    public void A_marker_without_a_sh_block_is_refused()
    {
        Assert.Throws<FormatException>(() => ReadmeExamples.Parse("<!-- example -->\n```json\n{}\n```\n"));
    }

    [Fact]
    public void Curl_quoting_headers_bodies_and_head_are_read_as_a_shell_would()
    {
        var curl = CurlCommand.Parse(
            """curl -s -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' --data-binary @ratings.csv 'http://127.0.0.1:8080/a?b=1&c=2' | head -c 120""",
            new Dictionary<string, string> { ["TOKEN"] = "t0k" });
        Assert.Equal("POST", curl.Method);
        Assert.Equal("http://127.0.0.1:8080/a?b=1&c=2", curl.Url);
        Assert.Equal([("Authorization", "Bearer t0k"), ("Content-Type", "text/csv")], curl.Headers);
        Assert.Equal(("ratings.csv", (string?)null, (int?)120), (curl.BodyFile, curl.Body, curl.HeadBytes));
        Assert.Equal("recs_", CurlCommand.Parse("curl -s http://127.0.0.1:8080/metrics | grep '^recs_'", new Dictionary<string, string>()).LinePrefix);
    }

    [Fact]
    public void Curl_options_the_examples_do_not_use_are_refused()
    {
        Assert.Throws<FormatException>(() => CurlCommand.Parse("curl -k http://127.0.0.1:8080/x", new Dictionary<string, string>()));
    }
}
