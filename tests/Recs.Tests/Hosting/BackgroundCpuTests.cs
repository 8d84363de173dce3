using System.Collections.Concurrent;
using Recs.Aot.Hosting;

namespace Recs.Tests.Hosting;

/// <summary>
/// BackgroundCpu runs a training's work, parallel loops included, on threads of its own at the raised nice value, and
/// leaves the caller and the thread pool at the priority they had: a nice value cannot be lowered again.
/// </summary>
public sealed class BackgroundCpuTests
{
    [Fact]
    public void The_work_and_its_parallel_loops_run_niced_on_their_own_threads()
    {
        if (!OperatingSystem.IsLinux())
            return;
        int callerNice = ThreadNice.Current()!.Value;
        int caller = Environment.CurrentManagedThreadId;
        var seen = new ConcurrentBag<(int Thread, int Nice)>();

        int sum = BackgroundCpu.Run(10, () =>
        {
            seen.Add((Environment.CurrentManagedThreadId, ThreadNice.Current()!.Value));
            int total = 0;
            Parallel.For(0, 256, i =>
            {
                seen.Add((Environment.CurrentManagedThreadId, ThreadNice.Current()!.Value));
                Interlocked.Add(ref total, i);
            });
            return total;
        });

        Assert.Equal(255 * 256 / 2, sum);
        Assert.Equal(257, seen.Count);
        Assert.All(seen, s => Assert.Equal(System.Math.Max(callerNice, 10), s.Nice));
        Assert.DoesNotContain(seen, s => s.Thread == caller);
        Assert.Equal(callerNice, ThreadNice.Current());
    }

    [Fact]
    public async Task Pool_threads_keep_their_priority_after_niced_work()
    {
        if (!OperatingSystem.IsLinux())
            return;
        int before = await Task.Run(() => ThreadNice.Current()!.Value);
        BackgroundCpu.Run(15, () => Parallel.For(0, 64, _ => Thread.SpinWait(1000)));
        // Every pool thread, including any the work might have started, still has the value the pool's threads had.
        var after = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => ThreadNice.Current()!.Value)));
        Assert.All(after, nice => Assert.Equal(before, nice));
    }

    [Fact]
    public void What_the_work_throws_reaches_the_caller()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            BackgroundCpu.Run<int>(10, () => throw new InvalidOperationException("stage failed")));
        Assert.Equal("stage failed", e.Message);
    }

    [Fact]
    public void Nice_zero_runs_the_work_on_the_caller_as_it_is()
    {
        int caller = Environment.CurrentManagedThreadId;
        Assert.Equal(caller, BackgroundCpu.Run(0, () => Environment.CurrentManagedThreadId));
    }

    [Fact]
    public void Raising_the_value_is_refused_outside_its_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ThreadNice.TryRaise(20));
        Assert.Throws<ArgumentOutOfRangeException>(() => ThreadNice.TryRaise(-1));
    }
}
