using System.Globalization;
using System.Text;

namespace Recs.Tests.Support;

/// <summary>
/// A scrape in the Prometheus text exposition format (version 0.0.4), parsed strictly enough that a malformed line
/// fails the test: <c>name{label="value",…} value [timestamp]</c>, comments and blank lines skipped.
/// </summary>
internal sealed class PrometheusText
{
    private PrometheusText(IReadOnlyList<PrometheusSample> samples, IReadOnlyDictionary<string, string> types)
    {
        Samples = samples;
        Types = types;
    }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    /// <summary>The # TYPE of each metric family (counter, gauge, histogram, …).</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public static PrometheusText Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Length == 0)
                continue;
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                string[] parts = line.Split(' ');
                Assert.True(parts.Length == 4, $"malformed TYPE line: {line}");
                types[parts[2]] = parts[3];
                continue;
            }
            if (line[0] == '#')
                continue;
            samples.Add(ParseSample(line));
        }
        return new PrometheusText(samples, types);
    }

    /// <summary>The sum of every sample named <paramref name="name"/> carrying all of <paramref name="labels"/> (0 when none).</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) =>
        Matching(name, labels).Sum(s => s.Value);

    public IEnumerable<PrometheusSample> Matching(string name, params (string Label, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value));

    private static PrometheusSample ParseSample(string line)
    {
        int i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ')
            i++;
        string name = line[..i];
        Assert.True(name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':'), $"bad metric name in: {line}");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                int eq = line.IndexOf('=', i);
                Assert.True(eq > i && line[eq + 1] == '"', $"bad label in: {line}");
                string label = line[i..eq];
                i = eq + 2;
                var value = new StringBuilder();
                for (; line[i] != '"'; i++)
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] == 'n' ? '\n' : line[i]);
                    }
                    else
                        value.Append(line[i]);
                }
                labels[label] = value.ToString();
                i++;
                if (line[i] == ',')
                    i++;
            }
            i++;
        }
        string[] rest = line[i..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(rest.Length is 1 or 2, $"expected a value and an optional timestamp in: {line}");
        return new PrometheusSample(name, labels, ParseValue(rest[0], line));
    }

    private static double ParseValue(string text, string line) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw new FormatException($"bad value in: {line}"),
    };
}
