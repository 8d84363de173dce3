using System.Globalization;

namespace Recs.Aot.Commands;

/// <summary>
/// Walks a command's `--name value` arguments for its parser; every failure is a <see cref="UsageException"/> whose
/// message ends with the command's usage line.
/// </summary>
internal sealed class OptionReader(string[] args, string usage)
{
    private int _next;
    private string _name = "";

    /// <summary>Moves to the next argument and returns it, or returns null after the last one.</summary>
    public string? Next()
    {
        if (_next >= args.Length)
            return null;
        _name = args[_next++];
        return _name;
    }

    /// <summary>The value following the current option; an option or the end of the line in its place is an error.</summary>
    public string Value()
    {
        if (_next >= args.Length || args[_next].StartsWith("--", StringComparison.Ordinal))
            throw Error($"{_name} needs a value");
        return args[_next++];
    }

    /// <summary>The current option's value as a decimal integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int Int(int min, int max)
    {
        string name = _name;
        string text = Value();
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            throw new UsageException($"{name} must be an integer in [{min}, {max}], not '{text}'");
        return value;
    }

    /// <summary>The error for the current argument when the parser does not know it.</summary>
    public UsageException Unknown() => Error($"unknown option '{_name}'");

    /// <summary>An error that ends with the usage line.</summary>
    public UsageException Error(string message) => new($"{message}\n{usage}");
}
