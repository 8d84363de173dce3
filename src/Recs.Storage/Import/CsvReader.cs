using System.Text;

namespace Recs.Storage.Import;

/// <summary>
/// Streaming RFC 4180 reader: comma-separated, double-quoted fields with "" escapes and embedded line breaks, CRLF or LF.
/// A leading UTF-8 byte-order mark is ignored. Reads one record at a time, synchronously or asynchronously (for input
/// arriving over the network); never loads the whole input.
/// </summary>
public sealed class CsvReader(TextReader reader) : IDisposable
{
    private readonly StringBuilder _quoted = new();
    private long _linesRead;
    private bool _inQuotes;

    /// <summary>Line number (1-based) where the last record returned by <see cref="Read"/> started.</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// Why the last record is malformed, or null: at the CSV level (e.g. an unterminated quote), and after
    /// <see cref="ReadRecord"/> also by its number of fields.
    /// </summary>
    public string? Error { get; private set; }

    /// <summary>
    /// Reads the next non-blank record and checks it at the CSV level and against <paramref name="header"/>: it needs
    /// the fields of every required column, and may not hold more fields than the header (an unquoted "4,5" would
    /// otherwise shift into a column nobody reads). False at the end of input; <paramref name="error"/> says why the
    /// record is malformed, or is null.
    /// </summary>
    public bool ReadRecord(List<string> fields, CsvHeader header, out string? error)
    {
        ArgumentNullException.ThrowIfNull(header);
        while (Read(fields))
        {
            if (fields is [""])
            {
                continue;
            }
            error = CheckWidth(fields, header);
            return true;
        }
        error = null;
        return false;
    }

    /// <summary>As <see cref="ReadRecord"/>, reading asynchronously; the reason a record is malformed is in <see cref="Error"/>.</summary>
    public async ValueTask<bool> ReadRecordAsync(List<string> fields, CsvHeader header, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(header);
        while (await ReadAsync(fields, ct))
        {
            if (fields is [""])
            {
                continue;
            }
            CheckWidth(fields, header);
            return true;
        }
        return false;
    }

    /// <summary>Fills <paramref name="fields"/> with the next record; false at the end of input. Throws <see cref="ImportFormatException"/> on bytes that are not UTF-8.</summary>
    public bool Read(List<string> fields)
    {
        Begin(fields);
        string? line = NextLine();
        if (line is null)
        {
            return false;
        }
        LineNumber = _linesRead;
        while (!Consume(line, fields))
        {
            if ((line = NextLine()) is null)
            {
                Unterminated(fields);
                break;
            }
        }
        return true;
    }

    /// <summary>As <see cref="Read"/>, reading asynchronously.</summary>
    public async ValueTask<bool> ReadAsync(List<string> fields, CancellationToken ct)
    {
        Begin(fields);
        string? line = await NextLineAsync(ct);
        if (line is null)
        {
            return false;
        }
        LineNumber = _linesRead;
        while (!Consume(line, fields))
        {
            if ((line = await NextLineAsync(ct)) is null)
            {
                Unterminated(fields);
                break;
            }
        }
        return true;
    }

    public void Dispose() => reader.Dispose();

    private void Begin(List<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Clear();
        Error = null;
    }

    private string? CheckWidth(List<string> fields, CsvHeader header)
    {
        if (Error is null && fields.Count < header.Needed)
        {
            Error = $"expected at least {header.Needed} fields, found {fields.Count}";
        }
        else if (Error is null && fields.Count > header.Width)
        {
            Error = $"{fields.Count} fields where the header has {header.Width}; a value holding a comma must be quoted";
        }
        return Error;
    }

    // Parses one physical line into the record; false when a quoted field runs on to the next line. The parser's state
    // between lines is _inQuotes and _quoted, so the synchronous and asynchronous readers share it.
    private bool Consume(string line, List<string> fields)
    {
        int i = 0;
        if (_inQuotes)
        {
            _quoted.Append('\n');
        }
        else if (_linesRead == 1 && line.StartsWith('\uFEFF'))
        {
            i = 1;
        }
        while (true)
        {
            if (!_inQuotes)
            {
                if (i == line.Length || line[i] != '"')
                {
                    int comma = line.IndexOf(',', i);
                    EnsureRoom(fields);
                    if (comma < 0)
                    {
                        fields.Add(line[i..]);
                        return true;
                    }
                    fields.Add(line[i..comma]);
                    i = comma + 1;
                    continue;
                }
                _quoted.Clear();
                _inQuotes = true;
                i++;
            }
            i = ScanQuoted(line, i);
            if (i < 0)
            {
                return false;
            }
            _inQuotes = false;
            EnsureRoom(fields);
            fields.Add(_quoted.ToString());
            if (i == line.Length)
            {
                return true;
            }
            if (line[i] != ',')
            {
                Error = $"unexpected character '{line[i]}' after a closing quote";
                return true;
            }
            i++;
        }
    }

    // Appends the quoted text from line[i..]; returns the index just past the closing quote, or -1 when the line ends inside the quotes.
    private int ScanQuoted(string line, int i)
    {
        while (true)
        {
            int quote = line.IndexOf('"', i);
            if (quote < 0)
            {
                _quoted.Append(line, i, line.Length - i);
                return -1;
            }
            _quoted.Append(line, i, quote - i);
            if (quote + 1 < line.Length && line[quote + 1] == '"')
            {
                _quoted.Append('"');
                i = quote + 2;
                continue;
            }
            return quote + 1;
        }
    }

    private void Unterminated(List<string> fields)
    {
        Error = "unterminated quoted field";
        fields.Add(_quoted.ToString());
        _inQuotes = false;
    }

    /// <summary>Most fields one record may have: every format read here has fewer than ten.</summary>
    public const int MaxFields = 256;

    // A line of millions of commas would otherwise become millions of strings before its width is checked.
    private void EnsureRoom(List<string> fields)
    {
        if (fields.Count >= MaxFields)
            throw new ImportFormatException($"line {LineNumber}: more than {MaxFields} fields in one record; this is not a CSV file this reader knows");
    }

    private string? NextLine()
    {
        try
        {
            return Counted(reader.ReadLine());
        }
        catch (DecoderFallbackException e)
        {
            throw NotUtf8(e);
        }
    }

    private async ValueTask<string?> NextLineAsync(CancellationToken ct)
    {
        try
        {
            return Counted(await reader.ReadLineAsync(ct));
        }
        catch (DecoderFallbackException e)
        {
            throw NotUtf8(e);
        }
    }

    private string? Counted(string? line)
    {
        if (line is not null)
        {
            _linesRead++;
        }
        return line;
    }

    private ImportFormatException NotUtf8(DecoderFallbackException e) =>
        new($"line {_linesRead + 1}: the file is not valid UTF-8 text", e);
}
