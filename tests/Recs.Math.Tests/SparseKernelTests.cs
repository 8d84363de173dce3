using System.Runtime.Intrinsics.X86;

namespace Recs.Math.Tests;

public sealed class SparseKernelTests
{
    [Fact]
    public void Gather_dot_matches_scalar_twin_for_every_length_up_to_256()
    {
        var random = new Random(11);
        var x = Enumerable.Range(0, 1000).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        for (int length = 0; length <= 256; length++)
        {
            var values = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var indices = Enumerable.Range(0, length).Select(_ => random.Next(x.Length)).ToArray();
            float scalar = SparseKernels.SparseDotScalar(values, indices, x);
            float dispatched = SparseKernels.SparseDot(values, indices, x);
            Assert.True(System.Math.Abs(scalar - dispatched) <= 1e-5f * (1 + length), $"length {length}: dispatched {dispatched} vs scalar {scalar}");
            if (Avx2.IsSupported)
            {
                float vector = SparseKernels.SparseDotAvx2(values, indices, x);
                Assert.True(System.Math.Abs(scalar - vector) <= 1e-5f * (1 + length), $"length {length}: AVX2 {vector} vs scalar {scalar}");
            }
        }
    }
}
