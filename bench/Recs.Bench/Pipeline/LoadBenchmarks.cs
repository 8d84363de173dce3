using BenchmarkDotNet.Attributes;
using Recs.Bench.Data;
using Recs.Engine.Training;
using Recs.Storage.Import;

namespace Recs.Bench.Pipeline;

/// <summary>
/// Loading a ratings file into triples: the byte-level reader `recs train` uses, against the general import CSV
/// reader doing the same id interning, once with a string per field and once with its fields read as spans (as
/// `recs import letterboxd-dataset` reads them) — the reason train has its own reader, and what spans save an import.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class LoadBenchmarks
{
    [ParamsSource(nameof(DataSets))]
    public string DataSet { get; set; } = BenchData.Letterboxd;

    public static IEnumerable<string> DataSets => BenchData.Available(BenchData.MovieLens, BenchData.Letterboxd);

    [Benchmark(Baseline = true, Description = "RatingsFileReader")]
    public int ByteReader() => RatingsFileReader.Read(BenchData.FilePath(DataSet)).Count;

    [Benchmark(Description = "import CsvReader")]
    public int ImportCsvReader()
    {
        using var csv = new CsvReader(TextInput.Open(BenchData.FilePath(DataSet)));
        var fields = new List<string>();
        csv.Read(fields);
        var users = new Dictionary<string, int>(StringComparer.Ordinal);
        var films = new Dictionary<string, int>(StringComparer.Ordinal);
        var stars = new List<float>();
        var userIndex = new List<int>();
        var filmIndex = new List<int>();
        while (csv.Read(fields))
        {
            userIndex.Add(Intern(users, fields[0]));
            filmIndex.Add(Intern(films, fields[1]));
            stars.Add(float.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture));
        }
        return stars.Count;
    }

    [Benchmark(Description = "import CsvReader, spans")]
    public int ImportCsvReaderSpans()
    {
        using var csv = new CsvReader(TextInput.Open(BenchData.FilePath(DataSet)));
        // Both files hold user, film and rating in their first three columns, under different names.
        var names = new List<string>();
        csv.Read(names);
        var header = new CsvHeader([0, 1, 2], names.Count);
        var users = new Dictionary<string, int>(StringComparer.Ordinal);
        var films = new Dictionary<string, int>(StringComparer.Ordinal);
        var stars = new List<float>();
        var userIndex = new List<int>();
        var filmIndex = new List<int>();
        while (csv.NextRecord(header, out _))
        {
            userIndex.Add(Intern(users.GetAlternateLookup<ReadOnlySpan<char>>(), csv.Field(header[0])));
            filmIndex.Add(Intern(films.GetAlternateLookup<ReadOnlySpan<char>>(), csv.Field(header[1])));
            stars.Add(float.Parse(csv.Field(header[2]), System.Globalization.CultureInfo.InvariantCulture));
        }
        return stars.Count;
    }

    private static int Intern(Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ids, ReadOnlySpan<char> id)
    {
        if (!ids.TryGetValue(id, out int index))
            ids[id] = index = ids.Dictionary.Count;
        return index;
    }

    private static int Intern(Dictionary<string, int> ids, string id)
    {
        if (!ids.TryGetValue(id, out int index))
            ids[id] = index = ids.Count;
        return index;
    }
}
