using System.Collections.Concurrent;

namespace Recs.Aot.Hosting;

/// <summary>
/// Runs CPU-bound background work (a training) on threads of its own at a raised nice value, so that on a busy machine
/// the kernel gives the request threads the CPU first and the work takes what they leave. The parallel loops inside the
/// work run on the same threads: <see cref="Parallel"/> schedules on <see cref="TaskScheduler.Current"/>, which inside
/// the work is this scheduler, and the helpers of <c>Recs.Math</c>'s core team are started by the first thread that
/// needs them and so inherit its nice value when a training starts them.
/// <para>Why threads of its own: a nice value cannot be lowered again without privilege, and a thread inherits its
/// creator's, so no pool thread is ever niced, and the niced threads never queue to the pool (the caller waits on the
/// result by blocking, and the threads end when the work does).</para>
/// <para>Bound: <see cref="Environment.ProcessorCount"/> threads for the duration of one <see cref="Run{T}"/>.</para>
/// </summary>
internal sealed class BackgroundCpu : TaskScheduler, IDisposable
{
    private readonly BlockingCollection<Task> _queue = [];
    private readonly Thread[] _threads;
    private readonly int _nice;
    [ThreadStatic] private static BackgroundCpu? _owner;

    private BackgroundCpu(int threads, int nice)
    {
        _nice = nice;
        _threads = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            // Created here, by a thread at the normal priority; each raises its own nice value as it starts.
            _threads[i] = new Thread(Work) { IsBackground = true, Name = "recs-background-cpu" };
            _threads[i].UnsafeStart();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> at nice value <paramref name="nice"/> (1–19; 0 runs it on the calling thread as it
    /// is) and returns its result, or rethrows what it threw. Blocks the calling thread until the work ends.
    /// </summary>
    public static T Run<T>(int nice, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (nice == 0)
            return work();
        using var cpu = new BackgroundCpu(Environment.ProcessorCount, nice);
        var task = Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, cpu);
        return task.GetAwaiter().GetResult();
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    protected override void QueueTask(Task task) => _queue.Add(task);

    // Only the scheduler's own threads run its tasks: a caller blocked on the result must not run the work itself at
    // its normal priority.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        _owner == this && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
            thread.Join();
        _queue.Dispose();
    }

    private void Work()
    {
        _owner = this;
        // Where the value cannot be raised the work still runs, at the normal priority.
        ThreadNice.TryRaise(_nice);
        foreach (var task in _queue.GetConsumingEnumerable())
            TryExecuteTask(task);
    }
}
