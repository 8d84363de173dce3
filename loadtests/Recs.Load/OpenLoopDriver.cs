using System.Diagnostics;
using System.Runtime.InteropServices;
using HdrHistogram;

namespace Recs.Load;

/// <summary>
/// Sends requests on a fixed schedule (request i at start + i/rate) whether or not earlier ones were answered, and
/// counts each latency from its scheduled time: a server that stalls shows the stall in every request queued behind it
/// instead of the client politely waiting (no coordinated omission). How late the client itself sent is reported apart,
/// so a saturated client is not mistaken for a slow server.
/// </summary>
internal static partial class OpenLoopDriver
{
    // Bounds the client's memory when the server stops answering; requests beyond it count as errors.
    private const int MaxInFlight = 4096;

    // How late a sleeping thread may be woken: Linux lets a timer fire up to 50 µs late by default ("timer slack") so
    // it can batch wake-ups, which at 10,000 requests a second is half the gap between two sends. With 1 µs the
    // dispatcher can sleep through every wait; yielding in a loop instead kept a whole core busy, the core the server
    // under test needs.
    private const int TimerSlackOption = 29; // PR_SET_TIMERSLACK
    private const ulong TimerSlackNanoseconds = 1_000;

    public static async Task<SendLag> RunAsync(Phase phase, PhaseMix mix, RequestSender sender, Func<Task>? halfway)
    {
        var lag = new LongHistogram(60_000_000, 3);
        int pending = 1;
        int backlogged = 0;
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long total = (long)(phase.Rate * phase.Duration.TotalSeconds);
        double interval = Stopwatch.Frequency / phase.Rate;
        Task? halfwayTask = null;

        async Task SendTracked(ScenarioRecorder recorder, long due)
        {
            try
            {
                await sender.SendAsync(recorder.Scenario, recorder, due).ConfigureAwait(false);
            }
            finally
            {
                if (Interlocked.Decrement(ref pending) == 0)
                    drained.TrySetResult();
            }
        }

        void Dispatch()
        {
            if (OperatingSystem.IsLinux())
                _ = Prctl(TimerSlackOption, TimerSlackNanoseconds, 0, 0, 0);
            long start = Stopwatch.GetTimestamp();
            for (long i = 0; i < total; i++)
            {
                long due = start + (long)(i * interval);
                long now = WaitUntil(due);
                lag.RecordValue(Math.Min(60_000_000, (now - due) * 1_000_000 / Stopwatch.Frequency));
                if (i == total / 2 && halfway is not null)
                    halfwayTask = halfway();
                var recorder = mix.Pick();
                if (Volatile.Read(ref pending) > MaxInFlight)
                {
                    backlogged++;
                    recorder.RecordFailure(due, "client backlog");
                    continue;
                }
                Interlocked.Increment(ref pending);
                _ = SendTracked(recorder, due);
            }
        }

        var clock = Stopwatch.StartNew();
        await Task.Factory.StartNew(Dispatch, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        if (Interlocked.Decrement(ref pending) != 0)
            await drained.Task.ConfigureAwait(false);
        // The rate is answers over the time from the first send to the last answer.
        double seconds = clock.Elapsed.TotalSeconds;
        if (halfwayTask is not null)
            await halfwayTask.ConfigureAwait(false);
        return new SendLag(lag.GetValueAtPercentile(99) / 1000.0, lag.GetMaxValue() / 1000.0, backlogged, seconds);
    }

    // Never sends early: a request sent before its time would have its latency counted from a moment it was not yet
    // waiting. A sleep that ends late shows in the send lag, and in the latency, which counts from the scheduled time.
    private static long WaitUntil(long due)
    {
        long now;
        while ((now = Stopwatch.GetTimestamp()) < due)
            _ = USleep((uint)System.Math.Max(1, (due - now) * 1_000_000 / Stopwatch.Frequency));
        return now;
    }

    [LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int USleep(uint microseconds);

    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int Prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);
}
