using System.Diagnostics;

namespace Recs.Load;

/// <summary>
/// Keeps a fixed number of requests in flight, each connection sending its next one as soon as the last is answered:
/// the most the server answers on this machine, not a latency figure (a slow answer delays the next request). Stops
/// at the phase's end or after its <see cref="Phase.MaxRequests"/>, whichever comes first.
/// </summary>
internal static class ClosedLoopDriver
{
    public static Task RunAsync(Phase phase, PhaseMix mix, RequestSender sender)
    {
        long end = Stopwatch.GetTimestamp() + (long)(phase.Duration.TotalSeconds * Stopwatch.Frequency);
        long budget = phase.MaxRequests ?? long.MaxValue;
        long sent = 0;

        async Task Connection()
        {
            await Task.Yield();
            while (Stopwatch.GetTimestamp() < end && Interlocked.Increment(ref sent) <= budget)
            {
                var recorder = mix.Pick();
                await sender.SendAsync(recorder.Scenario, recorder, Stopwatch.GetTimestamp()).ConfigureAwait(false);
            }
        }

        return Task.WhenAll(Enumerable.Range(0, phase.Connections).Select(_ => Connection()));
    }
}
