using BenchmarkDotNet.Attributes;
using Recs.Bench.Data;
using Recs.Engine.Training;
using Recs.Storage.Import;

namespace Recs.Bench.Pipeline;

/// <summary>
/// Loading a ratings file into triples: the byte-level reader `recs train` uses, against the general import CSV
/// reader (a string per line and per field) doing the same id interning — the reason train has its own reader.
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

    private static int Intern(Dictionary<string, int> ids, string id)
    {
        if (!ids.TryGetValue(id, out int index))
            ids[id] = index = ids.Count;
        return index;
    }
}
