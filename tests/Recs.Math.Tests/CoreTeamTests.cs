using System.Numerics.Tensors;

namespace Recs.Math.Tests;

/// <summary>The helper threads: every part runs exactly once, also with many callers at once, and shared products stay exact.</summary>
[Collection(AllocationMeasurements.Name)]
public sealed class CoreTeamTests
{
    private sealed class CountingWork(int parts) : IPartitionedWork
    {
        public readonly int[] Runs = new int[parts];

        public void RunPart(int part)
        {
            Interlocked.Increment(ref Runs[part]);
            Thread.SpinWait(50);
        }
    }

    [Fact]
    public void Every_part_runs_exactly_once_even_with_concurrent_callers()
    {
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 6, new ParallelOptions { MaxDegreeOfParallelism = 3 }, caller =>
        {
            for (int round = 0; round < 300; round++)
            {
                int parts = 1 + (caller + round) % 13;
                var work = new CountingWork(parts);
                CoreTeam.Run(work, parts);
                int wrong = Array.FindIndex(work.Runs, runs => runs != 1);
                if (wrong >= 0)
                    failures.Add($"caller {caller}, round {round}: part {wrong} of {parts} ran {work.Runs[wrong]} times");
            }
        });
        Assert.True(failures.IsEmpty, string.Join("; ", failures.Take(5)));
    }

    [Fact]
    public void Shared_basis_products_equal_one_core_references_and_allocate_nothing()
    {
        var random = new Random(3);
        const int length = 5_000;
        const int count = 40;
        var basis = Enumerable.Range(0, (count + 1) * length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var coefficients = new float[count * count];
        var output = new float[count * length];  // a copy of the basis the rotations write over
        var work = new BasisProductWork();

        work.Project(basis, length, count, basis, count * length, coefficients);
        for (int i = 0; i < count; i++)
        {
            float expected = TensorPrimitives.Dot<float>(basis.AsSpan(i * length, length), basis.AsSpan(count * length, length));
            Assert.True(System.Math.Abs(expected - coefficients[i]) <= 1e-3f, $"projection {i}: {coefficients[i]} vs {expected}");
        }

        var weights = Enumerable.Range(0, count * 3).Select(_ => (float)random.NextDouble()).ToArray();
        var reference = new float[3 * length];
        BasisCombination.CombineScalar(basis, length, count, weights, 3, reference, 0, length);
        var tiles = new float[work.TileValues(3)];
        basis.AsSpan(0, count * length).CopyTo(output);
        work.Rotate(output, length, count, weights, 3, tiles);
        for (int i = 0; i < reference.Length; i++)
            Assert.True(System.Math.Abs(reference[i] - output[i]) <= 1e-4f, $"combination element {i}: {output[i]} vs {reference[i]}");

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 100; round++)
        {
            work.Project(basis, length, count, basis, count * length, coefficients);
            work.Subtract(basis, length, count, coefficients, basis, count * length);
            work.Rotate(output, length, count, weights, 3, tiles);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 400, $"300 shared products allocated {allocated} bytes on the calling thread");
    }
}
