using System.Numerics.Tensors;

namespace Recs.Math;

/// <summary>
/// Dense kernels over a basis stored as consecutive vectors of one length in a flat array, split across cores when
/// the work is large enough to repay a Parallel.For (a restart's rotation and each reorthogonalisation are).
/// </summary>
internal static class BasisKernels
{
    // Multiply-adds below which one core finishes before a second one can be woken.
    private const long ParallelWork = 1 << 18;

    /// <summary>h[i] = ⟨basis_i, basis_target⟩ for i &lt; count.</summary>
    public static void Project(float[] basis, int length, int count, int target, float[] h)
    {
        if ((long)count * length < ParallelWork)
        {
            var x = basis.AsSpan(target * length, length);
            for (int i = 0; i < count; i++)
                h[i] = TensorPrimitives.Dot<float>(basis.AsSpan(i * length, length), x);
            return;
        }
        int blocks = System.Math.Min(count, 2 * Environment.ProcessorCount);
        Parallel.For(0, blocks, block =>
        {
            var x = basis.AsSpan(target * length, length);
            for (int i = block * count / blocks; i < (block + 1) * count / blocks; i++)
                h[i] = TensorPrimitives.Dot<float>(basis.AsSpan(i * length, length), x);
        });
    }

    /// <summary>basis_target −= Σ_{i &lt; count} h[i]·basis_i, each core taking a range of elements so it stays in cache.</summary>
    public static void SubtractCombination(float[] basis, int length, int count, int target, float[] h)
    {
        if ((long)count * length < ParallelWork)
        {
            SubtractRange(basis, length, count, target, h, 0, length);
            return;
        }
        int blocks = 2 * Environment.ProcessorCount;
        Parallel.For(0, blocks, block =>
        {
            // Block edges on 16-float boundaries keep every slice vector-aligned relative to its neighbours.
            int start = (int)((long)length * block / blocks) & ~15;
            int end = block == blocks - 1 ? length : (int)((long)length * (block + 1) / blocks) & ~15;
            SubtractRange(basis, length, count, target, h, start, end);
        });
    }

    /// <summary>destination_i = Σ_{j &lt; count} w[i·stride + j]·basis_j for i &lt; outputs (w column-major), one output vector per task.</summary>
    public static void Combine(float[] basis, int length, int count, double[] w, int stride, int outputs, float[] destination)
    {
        void One(int i)
        {
            var target = destination.AsSpan(i * length, length);
            target.Clear();
            for (int j = 0; j < count; j++)
            {
                float coefficient = (float)w[i * stride + j];
                if (coefficient != 0f)
                    TensorPrimitives.MultiplyAdd(basis.AsSpan(j * length, length), coefficient, target, target);
            }
        }
        if ((long)outputs * count * length < ParallelWork)
        {
            for (int i = 0; i < outputs; i++)
                One(i);
            return;
        }
        Parallel.For(0, outputs, One);
    }

    private static void SubtractRange(float[] basis, int length, int count, int target, float[] h, int start, int end)
    {
        var x = basis.AsSpan(target * length + start, end - start);
        for (int i = 0; i < count; i++)
        {
            if (h[i] != 0f)
                TensorPrimitives.MultiplyAdd(basis.AsSpan(i * length + start, end - start), -h[i], x, x);
        }
    }
}
