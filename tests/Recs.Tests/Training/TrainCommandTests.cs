using System.Text.Json;
using Recs.Engine.Training;
using Recs.Tests.Support;

namespace Recs.Tests.Training;

public sealed class TrainCommandTests : IDisposable
{
    private static readonly RatingTriples Small = SyntheticRatings.Generate(users: 300, films: 240, ratings: 9_000, tasteClusters: 4, seed: 7);
    private readonly TrainingFiles _files = new();

    [Fact]
    public void Json_report_on_a_synthetic_MovieLens_file_has_every_field()
    {
        var json = TrainRun.InProcess("--ratings", _files.MovieLens(Small), "--components", "12", "--clusters", "2..6", "--json").Json();

        Assert.Equal("movielens", json.GetProperty("format").GetString());
        Assert.Equal(300, json.GetProperty("users").GetInt32());
        Assert.Equal(Small.Films.Distinct().Count(), json.GetProperty("films").GetInt32());
        Assert.Equal(9_000, json.GetProperty("ratings").GetInt32());
        var seconds = json.GetProperty("seconds");
        foreach (string stage in new[] { "load", "matrix", "svd", "kmeans", "silhouette", "total" })
            Assert.True(seconds.GetProperty(stage).GetDouble() >= 0, stage);
        var sigma = json.GetProperty("singular_values").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(12, sigma.Length);
        Assert.True(sigma.Zip(sigma.Skip(1)).All(p => p.First >= p.Second), "singular values are not descending");
        var ks = json.GetProperty("clusters").EnumerateArray().ToArray();
        Assert.Equal([2, 3, 4, 5, 6], ks.Select(k => k.GetProperty("k").GetInt32()));
        Assert.All(ks, k => Assert.InRange(k.GetProperty("silhouette").GetDouble(), -1, 1));
        int chosen = json.GetProperty("chosen_k").GetInt32();
        double best = ks.Max(k => k.GetProperty("silhouette").GetDouble());
        Assert.Equal(best, ks.Single(k => k.GetProperty("k").GetInt32() == chosen).GetProperty("silhouette").GetDouble());
        Assert.True(json.GetProperty("inertia").GetDouble() > 0);
        Assert.True(json.GetProperty("peak_working_set_mb").GetDouble() > 0);
    }

    [Fact]
    public void Dump_files_have_one_row_per_user_and_factors_reproduce_the_singular_values()
    {
        string dump = _files.Path("dump");
        var json = TrainRun.InProcess("--ratings", _files.LetterboxdGzip(Small), "--components", "10", "--clusters", "4", "--json", "--dump", dump).Json();
        Assert.Equal("letterboxd-dataset", json.GetProperty("format").GetString());
        Assert.Equal(4, json.GetProperty("chosen_k").GetInt32());

        int users = 300, rank = 10;
        var sigma = File.ReadAllLines(Path.Combine(dump, "singular_values.txt")).Select(double.Parse).ToArray();
        Assert.Equal(rank, sigma.Length);
        Assert.Equal(users, File.ReadAllLines(Path.Combine(dump, "user_ids.txt")).Distinct().Count());
        var labels = File.ReadAllLines(Path.Combine(dump, "labels.txt")).Select(int.Parse).ToArray();
        Assert.Equal(users, labels.Length);
        Assert.All(labels, l => Assert.InRange(l, 0, 3));
        Assert.Equal(users * rank * 4L, new FileInfo(Path.Combine(dump, "cluster_points.f32")).Length);

        var factors = ReadFloats(Path.Combine(dump, "user_factors.f32"));
        Assert.Equal(users * rank, factors.Length);
        for (int c = 0; c < rank; c++)
        {
            double norm = System.Math.Sqrt(Enumerable.Range(0, users).Sum(r => (double)factors[r * rank + c] * factors[r * rank + c]));
            Assert.True(System.Math.Abs(norm - sigma[c]) <= 1e-3 * sigma[c], $"column {c}: ‖U·Σ‖ = {norm}, σ = {sigma[c]}");
        }
        var points = ReadFloats(Path.Combine(dump, "cluster_points.f32"));
        for (int r = 0; r < users; r++)
        {
            double norm = System.Math.Sqrt(Enumerable.Range(0, rank).Sum(c => (double)points[r * rank + c] * points[r * rank + c]));
            Assert.InRange(norm, 0.999, 1.001);
        }
    }

    [Fact]
    public void Repeated_pairs_keep_the_last_rating()
    {
        string csv = _files.Text("dup.csv", "userId,movieId,rating\n1,10,1.0\n1,10,5.0\n1,11,3\n2,10,4\n2,12,2\n3,11,4.5\n3,12,1\n4,10,3\n4,11,2\n");
        var json = TrainRun.InProcess("--ratings", csv, "--components", "2", "--clusters", "2", "--silhouette-sample", "4", "--json").Json();
        Assert.Equal(8, json.GetProperty("ratings").GetInt32());
        Assert.Equal(4, json.GetProperty("users").GetInt32());
    }

    [Theory]
    [InlineData("user,film,stars\n1,2,3\n", "unrecognised header")]
    [InlineData("userId,movieId,rating\n1,2,7\n", "line 2")]
    [InlineData("user_id,movie_id,rating_val\na,b,11\n", "line 2")]
    [InlineData("userId,movieId,rating\n1,2\n", "line 2")]
    [InlineData("", "empty")]
    public void Bad_files_exit_with_2_and_say_why(string content, string message)
    {
        var run = TrainRun.InProcess("--ratings", _files.Text("bad.csv", content));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_gzip_exits_with_2()
    {
        string path = _files.Path("broken.csv.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02, 0x03, 0x04]);
        var run = TrainRun.InProcess("--ratings", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("gzip", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--components", "0")]
    [InlineData("--clusters", "1..5")]
    [InlineData("--clusters", "9..3")]
    [InlineData("--geometry", "polar")]
    [InlineData("--frobnicate", "1")]
    public void Bad_arguments_exit_with_2(string option, string value)
    {
        var run = TrainRun.InProcess("--ratings", _files.MovieLens(Small), option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("recs train:", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_ratings_option_or_file_exits_with_2()
    {
        Assert.Equal(2, TrainRun.InProcess("--json").ExitCode);
        Assert.Equal(2, TrainRun.InProcess("--ratings", _files.Path("absent.csv")).ExitCode);
    }

    [Fact]
    public void Summary_without_json_names_the_chosen_count()
    {
        var run = TrainRun.InProcess("--ratings", _files.MovieLens(Small), "--components", "8", "--clusters", "3");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("chosen k = 3", run.Stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void MovieLens_small_trains_with_the_default_settings()
    {
        string path = RepositoryPaths.Data("movielens-ml-latest-small/ratings.csv");
        Skip.IfNot(File.Exists(path), $"MovieLens data absent at {path}; set RECS_DATA_DIR to run this test");
        var json = TrainRun.InProcess("--ratings", path, "--json").Json();
        Assert.Equal(610, json.GetProperty("users").GetInt32());
        Assert.Equal(9_724, json.GetProperty("films").GetInt32());
        Assert.Equal(100_836, json.GetProperty("ratings").GetInt32());
        Assert.Equal(64, json.GetProperty("singular_values").GetArrayLength());
        Assert.True(json.GetProperty("svd_converged").GetBoolean());
        // The breakdown is measured inside the SVD stage, so its parts are positive and cannot add up to more than it.
        var breakdown = json.GetProperty("svd_seconds");
        double parts = 0;
        foreach (string part in new[] { "products", "orthogonalisation", "projected_svd", "rotation" })
        {
            double seconds = breakdown.GetProperty(part).GetDouble();
            Assert.True(seconds > 0, $"svd_seconds.{part} is {seconds}, expected a positive time");
            parts += seconds;
        }
        double svd = json.GetProperty("seconds").GetProperty("svd").GetDouble();
        Assert.True(parts <= svd * 1.01 + 1e-3, $"svd breakdown sums to {parts:F4} s, more than the whole SVD stage ({svd:F4} s)");
        Assert.Equal(19, json.GetProperty("clusters").GetArrayLength());
        Assert.InRange(json.GetProperty("chosen_k").GetInt32(), 2, 20);
    }

    [SkippableFact]
    public void Published_binary_trains_and_rejects_a_bad_header()
    {
        string? binary = Environment.GetEnvironmentVariable("RECS_AOT_BINARY");
        Skip.If(string.IsNullOrEmpty(binary), "RECS_AOT_BINARY is not set (./test.sh sets it after publishing)");
        var json = TrainRun.Binary(binary!, "--ratings", _files.LetterboxdGzip(Small), "--components", "8", "--clusters", "2..4", "--json").Json();
        Assert.Equal(9_000, json.GetProperty("ratings").GetInt32());
        Assert.Equal(JsonValueKind.Number, json.GetProperty("seconds").GetProperty("total").ValueKind);
        Assert.Equal(2, TrainRun.Binary(binary!, "--ratings", _files.Text("bad.csv", "a,b,c\n1,2,3\n")).ExitCode);
    }

    public void Dispose() => _files.Dispose();

    private static float[] ReadFloats(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }
}
