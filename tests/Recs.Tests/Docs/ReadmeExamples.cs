using System.Text.RegularExpressions;

namespace Recs.Tests.Docs;

/// <summary>
/// Reads the marked examples out of README.md by the rules <c>scripts/readme_examples.py</c> writes them by: a marker
/// line, a ```sh block whose first command is the request, then the next fenced block is its answer; an
/// <c>again</c> marker directly before a fenced block repeats the previous request.
/// </summary>
internal static partial class ReadmeExamples
{
    [GeneratedRegex(@"^<!-- example(?<again> again)?(?: [a-z]+=[^ ]+)* -->$")]
    private static partial Regex Marker();

    public static IReadOnlyList<ReadmeExample> Parse(string markdown)
    {
        string[] lines = markdown.Split('\n');
        var examples = new List<ReadmeExample>();
        string section = "";
        string? lastCommand = null;
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("### ", StringComparison.Ordinal))
                section = lines[i][4..];
            var marker = Marker().Match(lines[i]);
            if (!marker.Success)
                continue;
            string command;
            int outputOpen;
            if (marker.Groups["again"].Success)
            {
                command = lastCommand ?? throw new FormatException($"README line {i + 1}: 'again' before any example");
                outputOpen = i + 1;
            }
            else
            {
                int shOpen = NextFence(lines, i + 1);
                if (lines[shOpen] != "```sh")
                    throw new FormatException($"README line {i + 1}: an example marker must precede a ```sh block");
                int shClose = Close(lines, shOpen);
                command = FirstCommand(lines, shOpen, shClose);
                outputOpen = NextFence(lines, shClose + 1);
            }
            if (!lines[outputOpen].StartsWith("```", StringComparison.Ordinal))
                throw new FormatException($"README line {i + 1}: no answer block after the example");
            int outputClose = Close(lines, outputOpen);
            string answer = string.Join('\n', lines[(outputOpen + 1)..outputClose]);
            examples.Add(new ReadmeExample(i + 1, section, command, lines[outputOpen][3..], answer));
            lastCommand = command;
            i = outputClose;
        }
        return examples;
    }

    private static int NextFence(string[] lines, int from)
    {
        for (int i = from; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("```", StringComparison.Ordinal))
                return i;
            if (lines[i].StartsWith('#') || lines[i].StartsWith("<!-- example", StringComparison.Ordinal))
                break;
        }
        throw new FormatException($"README line {from}: no fenced block follows the example marker");
    }

    private static int Close(string[] lines, int open)
    {
        for (int i = open + 1; i < lines.Length; i++)
        {
            if (lines[i] == "```")
                return i;
        }
        throw new FormatException($"README line {open + 1}: the fenced block never closes");
    }

    private static string FirstCommand(string[] lines, int open, int close)
    {
        var command = new List<string>();
        for (int i = open + 1; i < close; i++)
        {
            command.Add(lines[i].Trim().TrimEnd('\\').TrimEnd());
            if (!lines[i].EndsWith('\\'))
                break;
        }
        return string.Join(' ', command);
    }
}
