using System.CommandLine;
using System.Globalization;

namespace Recs.Aot.Commands;

/// <summary>
/// Options that take a comma-separated list (`--obscurity 0,0.5,1`, `--groups 2,3,4`): every element parsed with the
/// invariant culture and checked against the range, no element repeated, so a bad list is refused before any work.
/// </summary>
internal static class ListOptions
{
    /// <summary>Distinct numbers in [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="fallback"/> when absent.</summary>
    public static Option<double[]> Numbers(string name, string description, double min, double max, double[] fallback) =>
        Create(name, description, fallback, text =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= min && value <= max ? value : null,
            string.Create(CultureInfo.InvariantCulture, $"a number in [{min}, {max}]"));

    /// <summary>Distinct integers in [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="fallback"/> when absent.</summary>
    public static Option<int[]> Ints(string name, string description, int min, int max, int[] fallback) =>
        Create(name, description, fallback, text =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max ? value : null,
            string.Create(CultureInfo.InvariantCulture, $"an integer in [{min}, {max}]"));

    private static Option<T[]> Create<T>(string name, string description, T[] fallback, Func<string, T?> parse, string expected)
        where T : struct
    {
        var option = new Option<T[]>(name)
        {
            Description = description,
            HelpName = string.Join(',', fallback.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))),
            DefaultValueFactory = _ => fallback,
        };
        option.CustomParser = result =>
        {
            string text = result.Tokens[0].Value;
            var parts = text.Split(',');
            var values = new T[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                if (parse(parts[i]) is not { } value)
                {
                    result.AddError($"{name}: '{parts[i]}' is not {expected}");
                    return [];
                }
                values[i] = value;
            }
            if (values.Distinct().Count() == values.Length)
                return values;
            result.AddError($"{name} repeats a value in '{text}'");
            return [];
        };
        return option;
    }
}
