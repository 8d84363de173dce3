using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using Npgsql;

namespace Recs.Storage.Postgres;

/// <summary>
/// Writes rows of integers, reals and dates in PostgreSQL's binary COPY format to a raw COPY stream, a buffer at a time.
/// Rows reach the server only with <see cref="Complete"/>; disposing without it cancels the COPY.
/// </summary>
/// <remarks>
/// Npgsql's binary importer resolves, binds and writes a parameter per value, which was the client's largest cost in a
/// ten-million-row import; these columns need only their big-endian bytes.
/// </remarks>
internal sealed class PostgresBinaryCopyWriter : IDisposable
{
    private const int BufferBytes = 1 << 16;

    // More than any row written here takes: a 2-byte field count, then per field a 4-byte length and at most 8 bytes.
    private const int MaxRowBytes = 2 + (16 * 12);

    // PostgreSQL counts dates in days from 2000-01-01.
    private static readonly int EpochDay = new DateOnly(2000, 1, 1).DayNumber;

    private readonly NpgsqlRawCopyStream _stream;
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
    private int _used;
    private bool _completed;
    private long _blockedTicks;

    /// <param name="copy">A <c>COPY … FROM STDIN (FORMAT BINARY)</c> command.</param>
    public PostgresBinaryCopyWriter(NpgsqlConnection conn, string copy)
    {
        _stream = conn.BeginRawBinaryCopy(copy);
        // The signature, then a 4-byte flags field and a 4-byte header-extension length, both zero.
        ReadOnlySpan<byte> header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];
        header.CopyTo(_buffer);
        _used = header.Length;
    }

    /// <summary>
    /// Stopwatch ticks spent handing buffers to the connection and ending the COPY: most of it waiting for the server,
    /// since a write blocks once the socket's buffers are full.
    /// </summary>
    public long BlockedTicks => _blockedTicks;

    /// <summary>Starts a row of <paramref name="fields"/> values (at most 16), each written next by one of the Write methods.</summary>
    public void StartRow(short fields)
    {
        if (_used > BufferBytes - MaxRowBytes)
            Flush();
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_used), fields);
        _used += 2;
    }

    public void Write(int value) => BinaryPrimitives.WriteInt32BigEndian(Value(sizeof(int)), value);

    public void Write(long value) => BinaryPrimitives.WriteInt64BigEndian(Value(sizeof(long)), value);

    public void Write(float value) => BinaryPrimitives.WriteSingleBigEndian(Value(sizeof(float)), value);

    /// <summary>Writes a date, or NULL; the least and greatest dates are written as -infinity and infinity, as Npgsql writes them.</summary>
    public void Write(DateOnly? date)
    {
        if (date is not { } d)
        {
            BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_used), -1);
            _used += 4;
            return;
        }
        int days = d == DateOnly.MaxValue ? int.MaxValue : d == DateOnly.MinValue ? int.MinValue : d.DayNumber - EpochDay;
        BinaryPrimitives.WriteInt32BigEndian(Value(sizeof(int)), days);
    }

    /// <summary>Sends the remaining rows and ends the COPY; throws <see cref="PostgresException"/> when the server refuses a row.</summary>
    public void Complete()
    {
        if (_used > BufferBytes - 2)
            Flush();
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_used), -1);
        _used += 2;
        Flush();
        long before = Stopwatch.GetTimestamp();
        _completed = true;
        // Returns once the server has stored every row (or refused one).
        _stream.Dispose();
        _blockedTicks += Stopwatch.GetTimestamp() - before;
    }

    public void Dispose()
    {
        try
        {
            // Cancelling ends the stream as well; a completed one was ended by Complete.
            if (!_completed)
            {
                _completed = true;
                _stream.Cancel();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }

    // Writes a value's length and returns the room for its bytes.
    private Span<byte> Value(int length)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_used), length);
        var room = _buffer.AsSpan(_used + 4, length);
        _used += 4 + length;
        return room;
    }

    private void Flush()
    {
        long before = Stopwatch.GetTimestamp();
        _stream.Write(_buffer, 0, _used);
        _blockedTicks += Stopwatch.GetTimestamp() - before;
        _used = 0;
    }
}
