using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Recs.Math;

/// <summary>
/// A 0/1 matrix stored as one bit per entry, each row padded to whole 64-bit words, for counting the columns two rows
/// share (co-occurrence counts, e.g. how many people rated both of two films) with AND and POPCNT: 64 entries per
/// instruction pair, instead of one scattered increment per shared entry.
/// </summary>
public sealed class PackedBinaryMatrix
{
    private readonly Memory<ulong> _bits;

    private PackedBinaryMatrix(int rows, int columns, Memory<ulong> bits)
    {
        Rows = rows;
        Columns = columns;
        WordsPerRow = (columns + 63) / 64;
        _bits = bits;
    }

    public int Rows { get; }

    public int Columns { get; }

    public int WordsPerRow { get; }

    /// <summary>Bytes the packed rows occupy: Rows × ⌈Columns / 64⌉ × 8.</summary>
    public static long BytesFor(int rows, int columns) => (long)rows * ((columns + 63) / 64) * sizeof(ulong);

    /// <summary>
    /// Packs a compressed-row pattern: row r has a 1 in every column listed in indices[offsets[r] .. offsets[r + 1]).
    /// The bits live on <paramref name="scratch"/>'s pages when given (valid until it is disposed), else in an array.
    /// Throws ArgumentException on non-positive sizes, inconsistent offsets or a column outside [0, columns).
    /// </summary>
    public static PackedBinaryMatrix FromCompressedRows(ReadOnlySpan<int> offsets, ReadOnlySpan<int> indices, int columns, ScratchPool? scratch = null) =>
        Pack(offsets, indices, offsets.Length - 1, columns, listsAreRows: true, scratch);

    /// <summary>
    /// Packs the transpose of a compressed-row pattern: column c has a 1 in every row listed in
    /// indices[offsets[c] .. offsets[c + 1]), e.g. films × people from each person's films, without the by-film order.
    /// Bits on <paramref name="scratch"/>'s pages when given, else in an array. Throws ArgumentException as
    /// <see cref="FromCompressedRows"/> does, for a row outside [0, rows).
    /// </summary>
    public static PackedBinaryMatrix FromCompressedColumns(ReadOnlySpan<int> offsets, ReadOnlySpan<int> indices, int rows, ScratchPool? scratch = null) =>
        Pack(offsets, indices, rows, offsets.Length - 1, listsAreRows: false, scratch);

    // Sets bit (i, j) for every j in list i, or bit (j, i) when the lists are columns.
    private static PackedBinaryMatrix Pack(
        ReadOnlySpan<int> offsets, ReadOnlySpan<int> indices, int rows, int columns, bool listsAreRows, ScratchPool? scratch)
    {
        var bits = Allocate(rows, columns, offsets, indices, scratch);
        var all = bits.Span;
        int words = (columns + 63) / 64;
        int lists = offsets.Length - 1, bound = listsAreRows ? columns : rows;
        var (list, entry) = listsAreRows ? ("row", "Column") : ("column", "Row");
        for (int i = 0; i < lists; i++)
        {
            if (offsets[i + 1] < offsets[i])
                throw new ArgumentException($"Offsets decrease at {list} {i}.", nameof(offsets));
            foreach (int j in indices[offsets[i]..offsets[i + 1]])
            {
                if ((uint)j >= (uint)bound)
                    throw new ArgumentException($"{entry} {j} in {list} {i} is outside [0, {bound}).", nameof(indices));
                var (r, c) = listsAreRows ? (i, j) : (j, i);
                all[r * words + (c >> 6)] |= 1UL << (c & 63);
            }
        }
        return new PackedBinaryMatrix(rows, columns, bits);
    }

    // Zeroed bits for rows × columns, after the checks both packings share.
    private static Memory<ulong> Allocate(int rows, int columns, ReadOnlySpan<int> offsets, ReadOnlySpan<int> indices, ScratchPool? scratch)
    {
        if (rows <= 0 || columns <= 0)
            throw new ArgumentException($"A packed matrix needs at least one row and one column, got {rows}×{columns}.", nameof(offsets));
        if (offsets[0] != 0 || offsets[^1] != indices.Length)
            throw new ArgumentException($"Offsets must run from 0 to the number of indices ({indices.Length}).", nameof(offsets));
        long length = (long)rows * ((columns + 63) / 64);
        if (length > Array.MaxLength)
            throw new ArgumentException($"{rows}×{columns} bits do not fit one buffer.", nameof(offsets));
        Memory<ulong> bits = scratch is null ? new ulong[length] : scratch.Rent<ulong>((int)length);
        // A pool's block may hold an earlier loan's contents.
        if (scratch is not null)
            bits.Span.Clear();
        return bits;
    }

    /// <summary>Number of columns where both rows hold a 1.</summary>
    public int CountCommon(int a, int b)
    {
        if ((uint)a >= (uint)Rows || (uint)b >= (uint)Rows)
            throw new ArgumentOutOfRangeException(nameof(a), $"Rows {a} and {b} must lie in [0, {Rows}).");
        ReadOnlySpan<ulong> all = _bits.Span;
        int words = WordsPerRow;
        return CountCommon(all.Slice(a * words, words), all.Slice(b * words, words));
    }

    /// <summary>counts[j] = CountCommon(row, j) for every row j; counts must have length Rows.</summary>
    [SkipLocalsInit]
    public void CountCommonWithEveryRow(int row, Span<int> counts)
    {
        if ((uint)row >= (uint)Rows)
            throw new ArgumentOutOfRangeException(nameof(row), $"Row {row} must lie in [0, {Rows}).");
        if (counts.Length != Rows)
            throw new ArgumentException($"counts has length {counts.Length}, expected {Rows}.", nameof(counts));
        // One span for the whole sweep: a pooled buffer's span costs a virtual call to get.
        ReadOnlySpan<ulong> all = _bits.Span;
        int words = WordsPerRow;
        var mine = all.Slice(row * words, words);
        for (int j = 0; j < counts.Length; j++)
            counts[j] = CountCommon(mine, all.Slice(j * words, words));
    }

    /// <summary>Reference twin of <see cref="CountCommon(int, int)"/>: one column at a time.</summary>
    public int CountCommonScalar(int a, int b)
    {
        int count = 0;
        for (int c = 0; c < Columns; c++)
        {
            if (Get(a, c) && Get(b, c))
                count++;
        }
        return count;
    }

    /// <summary>A row's words: column c is bit (c mod 64) of word c / 64; bits past Columns are 0. Throws ArgumentOutOfRangeException for a row outside [0, Rows).</summary>
    public ReadOnlySpan<ulong> RowWords(int row)
    {
        if ((uint)row >= (uint)Rows)
            throw new ArgumentOutOfRangeException(nameof(row), $"Row {row} must lie in [0, {Rows}).");
        return Row(row);
    }

    /// <summary>The entry at (row, column).</summary>
    public bool Get(int row, int column) => (Row(row)[column >> 6] & (1UL << (column & 63))) != 0;

    private ReadOnlySpan<ulong> Row(int row) => _bits.Span.Slice(row * WordsPerRow, WordsPerRow);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CountCommon(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        ref ulong pa = ref MemoryMarshal.GetReference(a);
        ref ulong pb = ref MemoryMarshal.GetReference(b);
        int n = a.Length;
        int i = 0;
        // Four independent sums keep several POPCNTs in flight.
        int s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (; i + 4 <= n; i += 4)
        {
            s0 += BitOperations.PopCount(Unsafe.Add(ref pa, i) & Unsafe.Add(ref pb, i));
            s1 += BitOperations.PopCount(Unsafe.Add(ref pa, i + 1) & Unsafe.Add(ref pb, i + 1));
            s2 += BitOperations.PopCount(Unsafe.Add(ref pa, i + 2) & Unsafe.Add(ref pb, i + 2));
            s3 += BitOperations.PopCount(Unsafe.Add(ref pa, i + 3) & Unsafe.Add(ref pb, i + 3));
        }
        for (; i < n; i++)
            s0 += BitOperations.PopCount(Unsafe.Add(ref pa, i) & Unsafe.Add(ref pb, i));
        return s0 + s1 + s2 + s3;
    }
}
