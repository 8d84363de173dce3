namespace Recs.Math;

/// <summary>
/// Long-lived helper threads that split one sparse product across the cores without allocating: the caller and the
/// helpers claim partitions from a shared counter, so a late helper costs nothing but its wake-up. One product uses
/// the helpers at a time; a concurrent caller that finds them busy runs its product alone instead of waiting.
/// Parallel.For was the first design; it allocated about 1.7 KB of bookkeeping per product, i.e. per Lanczos step.
/// </summary>
internal static unsafe class ProductHelpers
{
    private static readonly Lock StartLock = new();
    private static Helper[]? _helpers;
    private static int _busy;

    // The product being shared; written only by the caller holding _busy, read by helpers after their signal.
    private static int[] _pointers = [];
    private static int[] _indices = [];
    private static float[] _values = [];
    private static RowPartition? _partition;
    private static float* _x;
    private static int _xLength;
    private static float* _y;
    private static int _yLength;
    private static int _nextPart;
    private static int _runningHelpers;
    private static readonly ManualResetEventSlim HelpersDone = new(false);

    /// <summary>Runs every partition of y = A·x (A in CSR form given by the arrays); returns when all are written.</summary>
    public static void Run(int[] pointers, int[] indices, float[] values, RowPartition partition, float* x, int xLength, float* y, int yLength)
    {
        var helpers = _helpers ?? Start();
        if (helpers.Length == 0 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (int part = 0; part < partition.Count; part++)
                RunPart(pointers, indices, values, partition, x, xLength, y, yLength, part);
            return;
        }
        try
        {
            (_pointers, _indices, _values, _partition) = (pointers, indices, values, partition);
            _x = x;
            _xLength = xLength;
            _y = y;
            _yLength = yLength;
            _nextPart = 0;
            _runningHelpers = helpers.Length;
            HelpersDone.Reset();
            foreach (var helper in helpers)
                helper.Go.Set();
            ClaimParts();
            // The shared fields are reused by the next product, so every helper must be out of its claim loop.
            HelpersDone.Wait();
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private static void ClaimParts()
    {
        var partition = _partition!;
        int part;
        while ((part = Interlocked.Increment(ref _nextPart) - 1) < partition.Count)
            RunPart(_pointers, _indices, _values, partition, _x, _xLength, _y, _yLength, part);
    }

    private static void RunPart(
        int[] pointers, int[] indices, float[] values, RowPartition partition, float* x, int xLength, float* y, int yLength, int part) =>
        CsrMatrix.ProductRange(pointers, indices, values, new ReadOnlySpan<float>(x, xLength), new Span<float>(y, yLength),
            partition.Start(part), partition.End(part));

    private static Helper[] Start()
    {
        lock (StartLock)
        {
            if (_helpers is null)
            {
                var helpers = new Helper[System.Math.Max(0, Environment.ProcessorCount - 1)];
                for (int i = 0; i < helpers.Length; i++)
                    helpers[i] = new Helper(i);
                _helpers = helpers;
            }
            return _helpers;
        }
    }

    private sealed class Helper
    {
        public readonly ManualResetEventSlim Go = new(false);

        public Helper(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"recs-spmv-{index}" };
            thread.Start();
        }

        private void Loop()
        {
            while (true)
            {
                Go.Wait();
                Go.Reset();
                ClaimParts();
                if (Interlocked.Decrement(ref _runningHelpers) == 0)
                    HelpersDone.Set();
            }
        }
    }
}
