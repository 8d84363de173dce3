using System.Diagnostics;
using Xunit.Abstractions;

namespace Recs.Math.Tests;

public sealed class SvdTimingProbe(ITestOutputHelper output)
{
    [RealDataFact(RealData.LetterboxdRatings)]
    public void Probe()
    {
        var a = RealData.LoadLetterboxd(centre: true);
        output.WriteLine($"{a.Rows}x{a.Columns} nnz {a.NonZeroCount}");
        var x = new float[a.Columns]; var y = new float[a.Rows];
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < 100; i++) { a.Multiply(x, y); a.MultiplyTransposed(y, x); }
        output.WriteLine($"100 SpMV pairs {sw.ElapsedMilliseconds} ms");
        foreach (int kd in new[] { 0, 160, 200 })
        {
            sw.Restart();
            var svd = LanczosSvd.Compute(a, new LanczosSvdOptions { Rank = 64, KrylovDimension = kd });
            output.WriteLine($"kd {kd}: {sw.ElapsedMilliseconds} ms restarts {svd.Restarts} products {svd.MatrixVectorProducts} conv {svd.Converged} s0 {svd.SingularValues[0]} s63 {svd.SingularValues[63]}");
        }
    }
}
