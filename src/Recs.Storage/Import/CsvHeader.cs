namespace Recs.Storage.Import;

/// <summary>
/// A CSV header checked against the columns an importer requires: the index of each required column, and how many
/// fields a record may hold (as many as the header names; a record with more is malformed, see <see cref="CsvReader.ReadRecord"/>).
/// </summary>
public sealed class CsvHeader
{
    private readonly int[] _indexes;

    public CsvHeader(int[] indexes, int width)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        ArgumentOutOfRangeException.ThrowIfZero(indexes.Length);
        _indexes = indexes;
        Width = width;
        Needed = indexes.Max() + 1;
    }

    /// <summary>The field index of the <paramref name="required"/>-th required column.</summary>
    public int this[int required] => _indexes[required];

    /// <summary>Fields a record needs to reach every required column.</summary>
    public int Needed { get; }

    /// <summary>Fields in the header, the most a record may hold.</summary>
    public int Width { get; }
}
