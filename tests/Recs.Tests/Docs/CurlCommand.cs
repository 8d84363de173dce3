using System.Text;

namespace Recs.Tests.Docs;

/// <summary>
/// The request a documented <c>curl</c> command sends: the few options the README uses (<c>-s</c>, <c>-X</c>,
/// <c>-H</c>, <c>-d</c>, <c>--data-binary</c>), shell quoting, and a trailing <c>| head -c N</c> or
/// <c>| grep '^prefix'</c>. Anything else is a
/// <see cref="FormatException"/>, so an example the test cannot replay fails instead of being skipped.
/// </summary>
internal sealed record CurlCommand(
    string Method, string Url, IReadOnlyList<(string Name, string Value)> Headers, string? Body, string? BodyFile, int? HeadBytes, string? LinePrefix)
{
    /// <param name="command">The command line.</param>
    /// <param name="environment">Values for <c>$NAME</c> inside double quotes; a name not given expands to nothing, as in a shell.</param>
    public static CurlCommand Parse(string command, IReadOnlyDictionary<string, string> environment)
    {
        var words = Words(command, environment);
        if (words.Count == 0 || words[0] != "curl")
            throw new FormatException($"not a curl command: {command}");
        string? method = null, url = null, body = null, bodyFile = null;
        int? headBytes = null;
        string? linePrefix = null;
        var headers = new List<(string, string)>();
        for (int i = 1; i < words.Count; i++)
        {
            switch (words[i])
            {
                case "-s":
                    break;
                case "-X":
                    method = words[++i];
                    break;
                case "-H":
                    string header = words[++i];
                    int colon = header.IndexOf(':', StringComparison.Ordinal);
                    headers.Add((header[..colon].Trim(), header[(colon + 1)..].Trim()));
                    break;
                case "-d" or "--data-binary":
                    string data = words[++i];
                    if (data.StartsWith('@'))
                        bodyFile = data[1..];
                    else
                        body = data;
                    break;
                case "|" when i + 3 == words.Count - 1 && words[i + 1] == "head" && words[i + 2] == "-c":
                    headBytes = int.Parse(words[i + 3], System.Globalization.CultureInfo.InvariantCulture);
                    i += 3;
                    break;
                case "|" when i + 2 == words.Count - 1 && words[i + 1] == "grep" && words[i + 2].StartsWith('^'):
                    linePrefix = words[i + 2][1..];
                    i += 2;
                    break;
                case var word when word.StartsWith("http://", StringComparison.Ordinal) && url is null:
                    url = word;
                    break;
                default:
                    throw new FormatException($"'{words[i]}' in `{command}` is not an option the README examples use");
            }
        }
        return new CurlCommand(method ?? (body ?? bodyFile) switch { null => "GET", _ => "POST" },
            url ?? throw new FormatException($"no URL in `{command}`"), headers, body, bodyFile, headBytes, linePrefix);
    }

    private static List<string> Words(string command, IReadOnlyDictionary<string, string> environment)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        for (int i = 0; i < command.Length; i++)
        {
            char c = command[i];
            if (c == '\'')
            {
                int end = command.IndexOf('\'', i + 1);
                word.Append(command, i + 1, end - i - 1);
                i = end;
                inWord = true;
            }
            else if (c == '"')
            {
                int end = command.IndexOf('"', i + 1);
                word.Append(Expand(command[(i + 1)..end], environment));
                i = end;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                    words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord)
            words.Add(word.ToString());
        return words;
    }

    private static string Expand(string text, IReadOnlyDictionary<string, string> environment)
    {
        var expanded = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '$')
            {
                expanded.Append(text[i]);
                continue;
            }
            int end = i + 1;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
                end++;
            expanded.Append(environment.GetValueOrDefault(text[(i + 1)..end], ""));
            i = end - 1;
        }
        return expanded.ToString();
    }
}
