using System.Text;
using nietras.SeparatedValues;

namespace Recs.Storage.Import;

/// <summary>
/// Streaming RFC 4180 reader: comma-separated, double-quoted fields with "" escapes and embedded line breaks (read as
/// "\n"), CRLF or LF. A leading UTF-8 byte-order mark is ignored. Reads one record at a time, synchronously or
/// asynchronously (for input arriving over the network); never loads the whole input. Fields are available as spans
/// (<see cref="NextRecord"/> or <see cref="NextRecordAsync"/>, then <see cref="Field"/>) or copied into strings
/// (<see cref="Read"/>). Disposing it disposes the text reader and hands Sep's buffers back to its pool; a reader left
/// undisposed costs about 100 KB of new buffers to the next one.
/// </summary>
/// <remarks>
/// Sep splits the records; quotes are checked and removed here rather than by Sep, so that malformed quoting is
/// reported on its record instead of being passed on silently.
/// </remarks>
public sealed class CsvReader(TextReader reader) : IDisposable
{
    /// <summary>Most fields one record may have: every format read here has fewer than ten.</summary>
    public const int MaxFields = 256;

    // The separator is fixed (Sep would otherwise guess it from the first line); rows of any width are reported here
    // against the header rather than thrown by Sep.
    private static readonly SepReaderOptions Options = new(new Sep(','))
    {
        HasHeader = false,
        DisableColCountCheck = true,
    };

    private readonly CsvQuotedRecord _quoted = new();
    private SepReader? _sep;
    private bool _unquoted;

    /// <summary>Line number (1-based) where the current record started.</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// Why the current record is malformed, or null: at the CSV level (e.g. an unterminated quote), and after
    /// <see cref="ReadRecord"/> or <see cref="NextRecord"/> also by its number of fields.
    /// </summary>
    public string? Error { get; private set; }

    /// <summary>Fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>
    /// Field <paramref name="index"/> (0 ≤ index &lt; <see cref="FieldCount"/>) of the current record, unquoted; valid
    /// until the next read.
    /// </summary>
    public ReadOnlySpan<char> Field(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)FieldCount, nameof(index));
        return _unquoted ? _sep!.Current[index].Span : _quoted.Field(index);
    }

    /// <summary>
    /// Moves to the next non-blank record and checks it at the CSV level and against <paramref name="header"/>: it needs
    /// the fields of every required column, and may not hold more fields than the header (an unquoted "4,5" would
    /// otherwise shift into a column nobody reads). False at the end of input; <paramref name="error"/> says why the
    /// record is malformed, or is null. Throws <see cref="ImportFormatException"/> on bytes that are not UTF-8.
    /// </summary>
    public bool NextRecord(CsvHeader header, out string? error)
    {
        ArgumentNullException.ThrowIfNull(header);
        while (Next())
        {
            if (!IsBlank())
            {
                error = CheckWidth(header);
                return true;
            }
        }
        error = null;
        return false;
    }

    /// <summary>As <see cref="NextRecord"/>, filling <paramref name="fields"/> with the record's fields as strings.</summary>
    public bool ReadRecord(List<string> fields, CsvHeader header, out string? error)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Clear();
        if (!NextRecord(header, out error))
            return false;
        CopyTo(fields);
        return true;
    }

    /// <summary>As <see cref="NextRecord"/>, reading asynchronously; the reason a record is malformed is in <see cref="Error"/>.</summary>
    public async ValueTask<bool> NextRecordAsync(CsvHeader header, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(header);
        while (await NextAsync(ct))
        {
            if (!IsBlank())
            {
                CheckWidth(header);
                return true;
            }
        }
        return false;
    }

    /// <summary>Fills <paramref name="fields"/> with the next record; false at the end of input. Throws <see cref="ImportFormatException"/> on bytes that are not UTF-8.</summary>
    public bool Read(List<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Clear();
        if (!Next())
            return false;
        CopyTo(fields);
        return true;
    }

    /// <summary>As <see cref="Read"/>, reading asynchronously.</summary>
    public async ValueTask<bool> ReadAsync(List<string> fields, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Clear();
        if (!await NextAsync(ct))
            return false;
        CopyTo(fields);
        return true;
    }

    public void Dispose()
    {
        _sep?.Dispose();
        reader.Dispose();
    }

    private bool Next()
    {
        try
        {
            _sep ??= Options.From(reader, leaveOpen: true);
            if (!_sep.MoveNext())
                return false;
        }
        catch (Exception e) when (e is DecoderFallbackException or NotSupportedException)
        {
            throw Unreadable(e);
        }
        Load();
        return true;
    }

    private async ValueTask<bool> NextAsync(CancellationToken ct)
    {
        try
        {
            _sep ??= await Options.FromAsync(reader, leaveOpen: true, ct);
            if (!await _sep.MoveNextAsync(ct))
                return false;
        }
        catch (Exception e) when (e is DecoderFallbackException or NotSupportedException)
        {
            throw Unreadable(e);
        }
        Load();
        return true;
    }

    // Takes in the record Sep has just split. Only a record holding a quote (or the byte-order mark) is copied, to
    // unquote it; every other record's fields are Sep's spans as they are.
    private void Load()
    {
        var row = _sep!.Current;
        // Without a header Sep reads the first row twice and reports it as starting where it ends; it starts at line 1.
        LineNumber = row.RowIndex == 0 ? 1 : row.LineNumberFrom;
        FieldCount = row.ColCount;
        Error = null;
        // A line of millions of commas would otherwise be kept whole before its width is checked.
        if (FieldCount > MaxFields)
            throw new ImportFormatException($"line {LineNumber}: more than {MaxFields} fields in one record; this is not a CSV file this reader knows");
        var text = row.Span;
        bool bom = row.RowIndex == 0 && text.StartsWith('\uFEFF');
        _unquoted = !bom && !text.Contains('"');
        if (!_unquoted)
            Error = _quoted.Load(row, bom);
    }

    private bool IsBlank() => FieldCount == 1 && Field(0).IsEmpty;

    private void CopyTo(List<string> fields)
    {
        for (int i = 0; i < FieldCount; i++)
            fields.Add(Field(i).ToString());
    }

    private string? CheckWidth(CsvHeader header)
    {
        if (Error is null && FieldCount < header.Needed)
        {
            Error = $"expected at least {header.Needed} fields, found {FieldCount}";
        }
        else if (Error is null && FieldCount > header.Width)
        {
            Error = $"{FieldCount} fields where the header has {header.Width}; a value holding a comma must be quoted";
        }
        return Error;
    }

    // Sep reads ahead a buffer at a time, so the bad bytes lie somewhere after the last record returned.
    private ImportFormatException Unreadable(Exception e) => e is DecoderFallbackException
        ? new($"after line {LineNumber}: the file is not valid UTF-8 text", e)
        : new($"after line {LineNumber}: a record longer than Sep's limit of 16 million characters; is a quote left open?", e);
}
