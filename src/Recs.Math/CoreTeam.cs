using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Recs.Math;

/// <summary>
/// Long-lived helper threads, one per extra core, that run the parts of one <see cref="IPartitionedWork"/> beside the
/// caller without allocating. Parts are claimed from one 64-bit word holding (generation, next part), so a helper that
/// wakes late claims nothing stale, and a late helper costs nothing but its wake-up. One piece of work uses the team at a
/// time; a concurrent caller that finds it busy runs its parts alone instead of waiting.
/// After each piece of work the helpers spin briefly before sleeping: a Lanczos step hands out work every few tens of
/// microseconds, and waking a sleeping thread costs about as much as a whole sparse product. Parallel.For was the first
/// design; it allocated about 1.7 KB of bookkeeping per call.
/// A part that throws, on whichever thread, still counts as done; the parts nobody has started yet are skipped, and
/// the caller rethrows the first exception once no part of that work is running any more.
/// </summary>
internal static class CoreTeam
{
    private const long Closed = int.MaxValue;
    private static readonly long SpinTicks = Stopwatch.Frequency / 5_000;
    private static readonly Lock StartLock = new();
    private static Helper[]? _helpers;
    private static int _busy;
    private static IPartitionedWork? _work;
    private static int _parts;
    private static int _completed;
    private static long _claims = Closed;
    private static ExceptionDispatchInfo? _fault;

    /// <summary>Number of threads that share a piece of work: the caller plus the helpers.</summary>
    public static int Size => (_helpers ?? Start()).Length + 1;

    /// <summary>
    /// Runs parts [0, parts) of <paramref name="work"/> and returns once every part has finished. When a part throws,
    /// parts not yet started are skipped and the first exception is rethrown here, with its original stack, after every
    /// started part has finished; the team is then free for the next piece of work.
    /// </summary>
    public static void Run(IPartitionedWork work, int parts)
    {
        var helpers = _helpers ?? Start();
        if (parts <= 1 || helpers.Length == 0 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            // Alone, a throwing part simply ends the loop: the later parts are the ones skipped.
            for (int part = 0; part < parts; part++)
                work.RunPart(part);
            return;
        }
        ExceptionDispatchInfo? fault;
        try
        {
            _work = work;
            _parts = parts;
            _completed = 0;
            _fault = null;
            long generation = (Volatile.Read(ref _claims) >> 32) + 1;
            // The exchange is a full fence: helpers that see the new generation also see the fields above,
            // and a helper that announced it sleeps is seen by Wake.
            Interlocked.Exchange(ref _claims, generation << 32);
            try
            {
                foreach (var helper in helpers)
                    helper.Wake();
                ClaimParts();
            }
            finally
            {
                Close(generation, parts);
            }
            fault = _fault;
            _fault = null;
            _work = null;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
        fault?.Throw();
    }

    private static long Generation => Volatile.Read(ref _claims) >> 32;

    // Closing the generation makes every claim still in flight fail, so nobody can claim a part of this work against
    // the fields of the next one; then the parts already claimed are waited for, as they still read _work. Normally the
    // caller's own claiming has taken every part by now, but if it was cut short the unclaimed parts are simply dropped.
    private static void Close(long generation, int parts)
    {
        long last = Interlocked.Exchange(ref _claims, (generation << 32) | Closed);
        int claimed = (int)System.Math.Min(last & 0xFFFF_FFFF, parts);
        var spinner = new SpinWait();
        while (Volatile.Read(ref _completed) < claimed)
            spinner.SpinOnce(sleep1Threshold: -1);
    }

    private static void ClaimParts()
    {
        while (true)
        {
            long claims = Volatile.Read(ref _claims);
            int part = (int)(claims & 0xFFFF_FFFF);
            // _parts may already belong to a later generation; then the exchange below fails and the loop re-reads.
            if (part >= Volatile.Read(ref _parts))
                return;
            if (Interlocked.CompareExchange(ref _claims, claims + 1, claims) != claims)
                continue;
            // A successful claim keeps this generation open until the part completes, so _work and _fault still
            // belong to its work. After a failure the remaining parts are claimed but not run, which ends the work soon.
            if (Volatile.Read(ref _fault) is null)
            {
                try
                {
                    _work!.RunPart(part);
                }
                catch (Exception e)
                {
                    // Caught on every thread: an exception escaping a helper would end the process, and one escaping
                    // the caller here would leave the generation open for the next work's parts.
                    Interlocked.CompareExchange(ref _fault, ExceptionDispatchInfo.Capture(e), null);
                }
            }
            Interlocked.Increment(ref _completed);
        }
    }

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
        private readonly ManualResetEventSlim _wake = new(false);
        private int _sleeping;

        public Helper(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"recs-core-{index}" };
            thread.Start();
        }

        public void Wake()
        {
            if (Volatile.Read(ref _sleeping) == 1)
                _wake.Set();
        }

        private void Loop()
        {
            long seen = Generation;
            while (true)
            {
                long spinStart = Stopwatch.GetTimestamp();
                while (Generation == seen)
                {
                    if (Stopwatch.GetTimestamp() - spinStart < SpinTicks)
                    {
                        Thread.SpinWait(20);
                        continue;
                    }
                    _wake.Reset();
                    Interlocked.Exchange(ref _sleeping, 1);
                    if (Generation == seen)
                        _wake.Wait();
                    Volatile.Write(ref _sleeping, 0);
                    spinStart = Stopwatch.GetTimestamp();
                }
                seen = Generation;
                ClaimParts();
            }
        }
    }
}
