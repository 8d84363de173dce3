using System.Numerics.Tensors;

namespace Recs.Math.Tests;

/// <summary>
/// A part that throws, on the caller or on a helper thread: the caller gets the exception with its original stack,
/// the process survives, and the products that follow are exactly the one-core results.
/// </summary>
public sealed class CoreTeamFaultTests
{
    private const int Rounds = 60;

    private sealed class FailingWork(int parts, Func<bool, int, bool> fails) : IPartitionedWork
    {
        private readonly int _callerThread = Environment.CurrentManagedThreadId;
        public readonly int[] Runs = new int[parts];
        public int RanOnCaller;
        public int RanOnHelper;
        public int Failed;
        private bool _stopWaiting;

        public void RunPart(int part)
        {
            Interlocked.Increment(ref Runs[part]);
            bool onCaller = Environment.CurrentManagedThreadId == _callerThread;
            if (onCaller)
            {
                Interlocked.Increment(ref RanOnCaller);
                // Give a helper the chance to take a part before the caller fails or takes them all; a helper that
                // does not come (the team is busy with someone else's work) is waited for once only.
                if (!_stopWaiting && !SpinWait.SpinUntil(() => Volatile.Read(ref RanOnHelper) > 0, TimeSpan.FromMilliseconds(50)))
                    _stopWaiting = true;
            }
            else
            {
                Interlocked.Increment(ref RanOnHelper);
            }
            Thread.SpinWait(500);
            if (!fails(onCaller, part))
                return;
            Interlocked.Increment(ref Failed);
            throw new InvalidOperationException($"part {part} failed on the {(onCaller ? "caller" : "helper")}");
        }
    }

    private sealed class ThreadRecordingWork(int parts) : IPartitionedWork
    {
        public readonly int[] Threads = new int[parts];
        public readonly int[] Runs = new int[parts];

        public void RunPart(int part)
        {
            Interlocked.Increment(ref Runs[part]);
            Threads[part] = Environment.CurrentManagedThreadId;
            Thread.SpinWait(500);
        }
    }

    private sealed class GatedWork : IPartitionedWork
    {
        public readonly ManualResetEventSlim Gate = new(false);
        public int Entered;

        public void RunPart(int part)
        {
            Interlocked.Increment(ref Entered);
            Gate.Wait(TimeSpan.FromSeconds(30));
            if (part == 0)
                throw new InvalidOperationException("gated part 0 failed");
        }
    }

    private static Func<bool, int, bool> Failing(string where) => where switch
    {
        "helper" => (onCaller, _) => !onCaller,
        "caller" => (onCaller, _) => onCaller,
        "every part" => (_, _) => true,
        "last part" => (_, part) => part == 7,
        _ => throw new ArgumentOutOfRangeException(nameof(where)),
    };

    [Theory]
    [InlineData("helper")]
    [InlineData("caller")]
    [InlineData("every part")]
    [InlineData("last part")]
    public void A_failing_part_reaches_the_caller_and_the_next_products_are_exact(string where)
    {
        var products = new ProductReferences(seed: 17);
        int failedRounds = 0;
        int helperRounds = 0;
        for (int round = 0; round < Rounds; round++)
        {
            var work = new FailingWork(8, Failing(where));
            Exception? caught = Record.Exception(() => CoreTeam.Run(work, 8));
            Assert.True(work.Runs.All(runs => runs <= 1), $"round {round}: a part ran twice ({string.Join(",", work.Runs)})");
            if (work.Failed == 0)
            {
                Assert.True(caught is null, $"round {round}: no part failed, yet Run threw {caught}");
            }
            else
            {
                var failure = Assert.IsType<InvalidOperationException>(caught);
                Assert.StartsWith("part ", failure.Message);
                Assert.True(failure.StackTrace?.Contains(nameof(FailingWork.RunPart)) == true,
                    $"round {round}: the rethrown exception lost the stack of the failing part:\n{failure.StackTrace}");
                failedRounds++;
            }
            helperRounds += work.RanOnHelper > 0 ? 1 : 0;
            products.AssertExact($"after round {round} (failing on the {where})");
        }
        if (CoreTeam.Size > 1)
            Assert.True(helperRounds > 0, "no part ever ran on a helper thread, so the shared path was not exercised");
        if (where is "every part" or "last part")
            Assert.True(failedRounds == Rounds, $"only {failedRounds} of {Rounds} rounds threw although a part fails every time");
        else
            Assert.True(failedRounds > 0, $"no part ever ran on the {where}, so the failure path was not exercised");
    }

    [Fact]
    public void A_concurrent_caller_runs_alone_while_a_failing_work_holds_the_team()
    {
        if (CoreTeam.Size == 1)
            return;
        var products = new ProductReferences(seed: 23);
        for (int round = 0; round < 5; round++)
        {
            var gated = new GatedWork();
            var holder = Task.Run(() => CoreTeam.Run(gated, 2));
            // Both parts running at once means the holder got the team (alone they would run one after the other).
            bool holdsTeam = SpinWait.SpinUntil(() => Volatile.Read(ref gated.Entered) == 2, TimeSpan.FromSeconds(2));
            try
            {
                if (holdsTeam)
                {
                    var alone = new ThreadRecordingWork(6);
                    int me = Environment.CurrentManagedThreadId;
                    CoreTeam.Run(alone, 6);
                    Assert.True(alone.Runs.All(runs => runs == 1), $"round {round}: parts run while the team was busy: {string.Join(",", alone.Runs)}");
                    Assert.True(alone.Threads.All(thread => thread == me), $"round {round}: a busy team still took parts of a second caller");
                    products.AssertExact($"round {round}, while the team was held");
                }
            }
            finally
            {
                gated.Gate.Set();
            }
            var failure = Assert.Throws<InvalidOperationException>(() => holder.GetAwaiter().GetResult());
            Assert.Equal("gated part 0 failed", failure.Message);
            products.AssertExact($"round {round}, after the holder failed");
        }
    }

    [Fact]
    public void The_team_is_shared_again_after_a_failure()
    {
        if (CoreTeam.Size == 1)
            return;
        var products = new ProductReferences(seed: 29);
        for (int round = 0; round < 10; round++)
        {
            Assert.Throws<InvalidOperationException>(() => CoreTeam.Run(new FailingWork(4, (_, _) => true), 4));
            bool shared = false;
            int me = Environment.CurrentManagedThreadId;
            // Other tests may hold the team, and a busy machine may not schedule a helper for a while; within five
            // seconds of tries it must be ours again (a team left busy by the failure never is).
            var tries = System.Diagnostics.Stopwatch.StartNew();
            while (!shared && tries.Elapsed < TimeSpan.FromSeconds(5))
            {
                var work = new ThreadRecordingWork(8);
                CoreTeam.Run(work, 8);
                Assert.True(work.Runs.All(runs => runs == 1), $"round {round}: parts ran {string.Join(",", work.Runs)} times");
                shared = work.Threads.Any(thread => thread != me);
            }
            Assert.True(shared, $"round {round}: after a failure no helper ever took a part again (the team stayed busy)");
            products.AssertExact($"round {round}");
        }
    }

    /// <summary>A sparse product and the three basis products, each compared bit for bit with its one-core kernel.</summary>
    private sealed class ProductReferences
    {
        private const int Length = 5_000;
        private const int Count = 24;
        private readonly CsrMatrix _matrix;
        private readonly float[] _x;
        private readonly float[] _expectedProduct;
        private readonly float[] _basis;
        private readonly float[] _weights;
        private readonly float[] _expectedCombination;
        private readonly float[] _expectedProjection;
        private readonly float[] _expectedSubtraction;
        private readonly BasisProductWork _work = new();

        public ProductReferences(int seed)
        {
            var random = new Random(seed);
            var (r, c, v) = TestMatrices.RandomTriples(1200, 500, 0.2, random);
            _matrix = CsrMatrix.FromTriples(r, c, v, 1200, 500);
            Assert.True(_matrix.NonZeroCount > SparseProductWork.ParallelThreshold, "matrix too small to take the parallel path");
            _x = Enumerable.Range(0, 500).Select(_ => (float)random.NextDouble()).ToArray();
            _expectedProduct = new float[1200];
            CsrMatrix.ProductRange(_matrix.RowPointers.ToArray(), _matrix.ColumnIndices.ToArray(), _matrix.Values.ToArray(), _x, _expectedProduct, 0, 1200);

            _basis = Enumerable.Range(0, (Count + 1) * Length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            _weights = Enumerable.Range(0, Count * 3).Select(_ => (float)random.NextDouble()).ToArray();
            // One call over every row: the tiles of the parallel rotation, whose parts start on tile boundaries.
            _expectedCombination = _basis.AsSpan(0, Count * Length).ToArray();
            BasisCombination.CombineInPlace(_expectedCombination, Length, Count, _weights, 3, new float[3 * BasisCombination.TileRows], 0, Length);
            _expectedCombination = _expectedCombination[..(3 * Length)];
            _expectedProjection = new float[Count];
            for (int i = 0; i < Count; i++)
                _expectedProjection[i] = TensorPrimitives.Dot<float>(_basis.AsSpan(i * Length, Length), _basis.AsSpan(Count * Length, Length));
            _expectedSubtraction = _basis.AsSpan(Count * Length, Length).ToArray();
            BasisCombination.Subtract(_basis, Length, Count, _expectedProjection, _expectedSubtraction, 0, Length);
        }

        public void AssertExact(string when)
        {
            var y = new float[1200];
            Array.Fill(y, float.NaN);
            _matrix.Multiply(_x, y);
            Assert.True(_expectedProduct.AsSpan().SequenceEqual(y), $"{when}: the sparse product differs from the one-core kernel");

            var combination = _basis.AsSpan(0, Count * Length).ToArray();
            _work.Rotate(combination, Length, Count, _weights, 3, new float[_work.TileValues(3)]);
            Assert.True(_expectedCombination.AsSpan().SequenceEqual(combination.AsSpan(0, 3 * Length)), $"{when}: the basis combination differs from the one-core kernel");

            var coefficients = new float[Count];
            _work.Project(_basis, Length, Count, _basis, Count * Length, coefficients);
            Assert.True(_expectedProjection.AsSpan().SequenceEqual(coefficients), $"{when}: the projections differ from one-core dot products");

            var vector = _basis.AsSpan(Count * Length, Length).ToArray();
            _work.Subtract(_basis, Length, Count, _expectedProjection, vector, 0);
            Assert.True(_expectedSubtraction.AsSpan().SequenceEqual(vector), $"{when}: the subtraction differs from the one-core kernel");
        }
    }
}
