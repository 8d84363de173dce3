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
        for (int rep = 0; rep < 3; rep++)
        {
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < 100; i++) { a.Multiply(x, y); a.MultiplyTransposed(y, x); }
            output.WriteLine($"100 SpMV pairs {sw.ElapsedMilliseconds} ms");
            sw.Restart();
            float s = 0;
            var rp = a.RowPointers; var ci = a.ColumnIndices; var v = a.Values;
            for (int i = 0; i < 100; i++) for (int r = 0; r < a.Rows; r++) s += SparseKernels.SparseDotScalar(v[rp[r]..rp[r + 1]], ci[rp[r]..rp[r + 1]], x);
            output.WriteLine($"100 scalar serial SpMV {sw.ElapsedMilliseconds} ms");
            sw.Restart();
            for (int i = 0; i < 100; i++) for (int r = 0; r < a.Rows; r++) s += SparseKernels.SparseDot(v[rp[r]..rp[r + 1]], ci[rp[r]..rp[r + 1]], x);
            output.WriteLine($"100 gather serial SpMV {sw.ElapsedMilliseconds} ms {s}");
        }
        foreach (int kd in new[] { 0, 0, 144, 160, 200 })
        {
            var sw = Stopwatch.StartNew();
            var svd = LanczosSvd.Compute(a, new LanczosSvdOptions { Rank = 64, KrylovDimension = kd });
            output.WriteLine($"kd {kd}: {sw.ElapsedMilliseconds} ms restarts {svd.Restarts} products {svd.MatrixVectorProducts} conv {svd.Converged} s0 {svd.SingularValues[0]} s63 {svd.SingularValues[63]}");
        }
    }
}
