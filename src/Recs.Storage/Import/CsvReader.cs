using System.Text;

namespace Recs.Storage.Import;

/// <summary>
/// Streaming RFC 4180 reader: comma-separated, double-quoted fields with "" escapes and embedded line breaks, CRLF or LF.
/// A leading UTF-8 byte-order mark is ignored. Reads one record at a time; never loads the whole input.
/// </summary>
public sealed class CsvReader(TextReader reader) : IDisposable
{
    private readonly StringBuilder _quoted = new();
    private long _linesRead;

    /// <summary>Line number (1-based) where the last record returned by <see cref="Read"/> started.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Why the last record is malformed at the CSV level (e.g. an unterminated quote), or null.</summary>
    public string? Error { get; private set; }

    /// <summary>
    /// Reads the next non-blank record and checks it at the CSV level and for at least <paramref name="needed"/> fields;
    /// false at the end of input. <paramref name="error"/> says why the record is malformed, or is null.
    /// </summary>
    public bool ReadRecord(List<string> fields, int needed, out string? error)
    {
        while (Read(fields))
        {
            if (fields is [""])
            {
                continue;
            }
            error = Error ?? (fields.Count < needed ? $"expected at least {needed} fields, found {fields.Count}" : null);
            return true;
        }
        error = null;
        return false;
    }

    /// <summary>Fills <paramref name="fields"/> with the next record; false at the end of input. Throws <see cref="ImportFormatException"/> on bytes that are not UTF-8.</summary>
    public bool Read(List<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Clear();
        Error = null;
        string? line = NextLine();
        if (line is null)
        {
            return false;
        }
        LineNumber = _linesRead;
        if (LineNumber == 1 && line.Length > 0 && line[0] == '\uFEFF')
        {
            line = line[1..];
        }

        int i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                (line, i) = ReadQuoted(line, i + 1);
                fields.Add(_quoted.ToString());
                if (Error is not null || i == line.Length)
                {
                    return true;
                }
                if (line[i] != ',')
                {
                    Error = $"unexpected character '{line[i]}' after a closing quote";
                    return true;
                }
                i++;
                continue;
            }
            int comma = line.IndexOf(',', i);
            if (comma < 0)
            {
                fields.Add(line[i..]);
                return true;
            }
            fields.Add(line[i..comma]);
            i = comma + 1;
        }
    }

    public void Dispose() => reader.Dispose();

    // Reads a quoted field starting just after its opening quote; returns the line and index just past the closing quote.
    private (string Line, int Index) ReadQuoted(string line, int i)
    {
        _quoted.Clear();
        while (true)
        {
            int quote = line.IndexOf('"', i);
            if (quote < 0)
            {
                _quoted.Append(line, i, line.Length - i);
                string? next = NextLine();
                if (next is null)
                {
                    Error = "unterminated quoted field";
                    return (line, line.Length);
                }
                _quoted.Append('\n');
                (line, i) = (next, 0);
                continue;
            }
            _quoted.Append(line, i, quote - i);
            if (quote + 1 < line.Length && line[quote + 1] == '"')
            {
                _quoted.Append('"');
                i = quote + 2;
                continue;
            }
            return (line, quote + 1);
        }
    }

    private string? NextLine()
    {
        string? line;
        try
        {
            line = reader.ReadLine();
        }
        catch (DecoderFallbackException e)
        {
            throw new ImportFormatException($"line {_linesRead + 1}: the file is not valid UTF-8 text", e);
        }
        if (line is not null)
        {
            _linesRead++;
        }
        return line;
    }
}
