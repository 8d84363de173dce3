using System.CommandLine;
using System.Globalization;

namespace Recs.Aot.Commands;

/// <summary>
/// Builds the options every command shares the shape of: numbers parsed with the invariant culture and checked against
/// their range while parsing, so a bad value is refused (exit code 2) before a command starts any work.
/// </summary>
internal static class CommandOptions
{
    /// <summary>A decimal integer in [<paramref name="min"/>, <paramref name="max"/>]; without <paramref name="fallback"/> it is null when absent.</summary>
    public static Option<int?> Int(string name, string description, int min, int max, int? fallback = null)
    {
        var option = new Option<int?>(name) { Description = description, HelpName = "n" };
        option.CustomParser = result =>
        {
            string text = result.Tokens[0].Value;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max)
                return value;
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be an integer in [{min}, {max}], not '{text}'"));
            return null;
        };
        if (fallback is { } value)
            option.DefaultValueFactory = _ => value;
        return option;
    }

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>]; without <paramref name="fallback"/> it is null when absent.</summary>
    public static Option<double?> Number(string name, string description, double min, double max, double? fallback = null)
    {
        var option = new Option<double?>(name) { Description = description, HelpName = "x" };
        option.CustomParser = result =>
        {
            string text = result.Tokens[0].Value;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= min && value <= max)
                return value;
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be a number in [{min}, {max}], not '{text}'"));
            return null;
        };
        if (fallback is { } value)
            option.DefaultValueFactory = _ => value;
        return option;
    }

    /// <summary>A switch: true when present, and it takes no value.</summary>
    public static Option<bool> Flag(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>A text value such as a path; <paramref name="helpName"/> is how the help shows it.</summary>
    public static Option<string> Text(string name, string helpName, string description, bool required = false) =>
        new(name) { Description = description, HelpName = helpName, Required = required };
}
