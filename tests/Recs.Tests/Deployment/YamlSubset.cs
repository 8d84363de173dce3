namespace Recs.Tests.Deployment;

/// <summary>
/// Reads the YAML that docker-compose.yml uses, no more: nested mappings by indentation, "- item" sequences, inline
/// ["a", "b"] lists and plain or double-quoted scalars; whole-line comments. Mappings become dictionaries, sequences
/// lists, scalars strings. Anything else (anchors, multi-line scalars, flow mappings) throws, so the test notices.
/// </summary>
internal static class YamlSubset
{
    public static Dictionary<string, object> Parse(string text)
    {
        var lines = text.Split('\n')
            .Select(l => l.TrimEnd('\r', ' '))
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            .ToList();
        int at = 0;
        var root = Block(lines, ref at, 0);
        return root as Dictionary<string, object> ?? throw new FormatException("the document is not a mapping");
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    private static object Block(List<string> lines, ref int at, int indent)
    {
        if (lines[at].TrimStart().StartsWith("- ", StringComparison.Ordinal))
        {
            var list = new List<object>();
            while (at < lines.Count && Indent(lines[at]) == indent && lines[at].TrimStart().StartsWith("- ", StringComparison.Ordinal))
                list.Add(Scalar(lines[at++].TrimStart()[2..]));
            return list;
        }
        var map = new Dictionary<string, object>(StringComparer.Ordinal);
        while (at < lines.Count && Indent(lines[at]) == indent)
        {
            string line = lines[at++].Trim();
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                throw new FormatException($"not a key: {line}");
            string key = Unquote(line[..colon]);
            string rest = line[(colon + 1)..].Trim();
            if (rest.Length > 0)
                map[key] = Scalar(rest);
            else if (at < lines.Count && Indent(lines[at]) > indent)
                map[key] = Block(lines, ref at, Indent(lines[at]));
            else
                map[key] = "";
        }
        if (at < lines.Count && Indent(lines[at]) > indent)
            throw new FormatException($"unexpected indentation: {lines[at]}");
        return map;
    }

    private static object Scalar(string text)
    {
        if (text.StartsWith('['))
        {
            if (!text.EndsWith(']'))
                throw new FormatException($"unterminated list: {text}");
            return text[1..^1].Split(',').Select(s => (object)Unquote(s.Trim())).Where(s => ((string)s).Length > 0).ToList();
        }
        if (text.StartsWith('{') || text.StartsWith('&') || text.StartsWith('*') || text.StartsWith('|') || text.StartsWith('>'))
            throw new FormatException($"outside the subset this reader knows: {text}");
        return Unquote(text);
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && ((text[0] == '"' && text[^1] == '"') || (text[0] == '\'' && text[^1] == '\'')) ? text[1..^1] : text;
}
