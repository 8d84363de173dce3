using nietras.SeparatedValues;

namespace Recs.Storage.Import;

/// <summary>
/// The unquoted fields of one record that holds quotes, copied into a reused buffer: "" becomes ", the enclosing
/// quotes go, and a line break inside quotes becomes "\n" whether the file used CRLF, LF or CR.
/// </summary>
internal sealed class CsvQuotedRecord
{
    private readonly int[] _starts = new int[CsvReader.MaxFields];
    private readonly int[] _lengths = new int[CsvReader.MaxFields];
    private char[] _text = new char[256];
    private int _used;

    /// <summary>Field <paramref name="index"/> of the record last loaded.</summary>
    public ReadOnlySpan<char> Field(int index) => _text.AsSpan(_starts[index], _lengths[index]);

    /// <summary>
    /// Copies and unquotes every field of <paramref name="row"/> (dropping a leading byte-order mark when
    /// <paramref name="bom"/>); returns why the quoting is malformed, or null. A malformed field is kept as far as it
    /// could be read.
    /// </summary>
    public string? Load(SepReader.Row row, bool bom)
    {
        _used = 0;
        string? error = null;
        for (int i = 0; i < row.ColCount; i++)
        {
            var raw = row[i].Span;
            if (i == 0 && bom)
                raw = raw[1..];
            _starts[i] = _used;
            string? fieldError = raw is ['"', ..] ? AppendQuoted(raw[1..]) : AppendPlain(raw);
            _lengths[i] = _used - _starts[i];
            error ??= fieldError;
        }
        return error;
    }

    private string? AppendPlain(ReadOnlySpan<char> raw)
    {
        Append(raw);
        // Sep reads such a quote as opening a quoted section, so the commas and line breaks after it, up to the next
        // quote, are no longer where the author meant them.
        return raw.Contains('"') ? "a quote inside an unquoted field; a value holding a quote must be quoted whole" : null;
    }

    // Appends the quoted text after the opening quote; Sep has ended the field at a separator outside quotes.
    private string? AppendQuoted(ReadOnlySpan<char> raw)
    {
        while (true)
        {
            int quote = raw.IndexOf('"');
            if (quote < 0)
            {
                // Only the last record of the input can end inside quotes; its final line break is no part of it.
                AppendLines(raw.TrimEnd("\r\n"));
                return "unterminated quoted field";
            }
            AppendLines(raw[..quote]);
            raw = raw[(quote + 1)..];
            if (raw is ['"', ..])
            {
                Append("\"");
                raw = raw[1..];
                continue;
            }
            return raw.IsEmpty ? null : $"unexpected character '{raw[0]}' after a closing quote";
        }
    }

    // Appends text that may hold line breaks, each (CRLF, LF or CR) as "\n".
    private void AppendLines(ReadOnlySpan<char> text)
    {
        while (true)
        {
            int end = text.IndexOfAny('\r', '\n');
            if (end < 0)
            {
                Append(text);
                return;
            }
            Append(text[..end]);
            Append("\n");
            text = text[(text[end..] is ['\r', '\n', ..] ? end + 2 : end + 1)..];
        }
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (_used + text.Length > _text.Length)
            Array.Resize(ref _text, System.Math.Max(_text.Length * 2, _used + text.Length));
        text.CopyTo(_text.AsSpan(_used));
        _used += text.Length;
    }
}
