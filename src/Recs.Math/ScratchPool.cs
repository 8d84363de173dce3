using System.Runtime.CompilerServices;

namespace Recs.Math;

/// <summary>
/// Scratch arrays lent to the steps of one computation (one training run, one benchmark) and reused between them.
/// Unlike ArrayPool.Shared nothing about it is static: its arrays stay reachable exactly as long as the pool itself,
/// so a finished run leaves no buffer resident and the memory returns at the next ordinary collection.
/// Thread-safe; meant for a few dozen large arrays, not for many small per-request ones.
/// </summary>
public sealed class ScratchPool
{
    private readonly Lock _lock = new();
    private readonly List<Array> _free = [];
    private long _retainedBytes;

    /// <summary>Bytes held by the arrays currently returned to the pool and not lent out again.</summary>
    public long RetainedBytes
    {
        get
        {
            lock (_lock)
                return _retainedBytes;
        }
    }

    /// <summary>
    /// An array of at least <paramref name="minimumLength"/> elements with arbitrary contents: the smallest returned
    /// one that fits and is at most 2·minimumLength + 1024 long, else a new one of exactly that length.
    /// Throws ArgumentOutOfRangeException when the length is negative.
    /// </summary>
    public T[] Rent<T>(int minimumLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumLength);
        // A small request must not take a basis-sized array that a later large request of the same run needs.
        long longest = 2L * minimumLength + 1024;
        lock (_lock)
        {
            int best = -1;
            for (int i = 0; i < _free.Count; i++)
            {
                // An exact type test: the runtime would also let a uint[] pass as an int[].
                var candidate = _free[i];
                if (candidate.GetType() == typeof(T[]) && candidate.Length >= minimumLength && candidate.Length <= longest
                    && (best < 0 || candidate.Length < _free[best].Length))
                    best = i;
            }
            if (best >= 0)
            {
                var array = (T[])_free[best];
                _free[best] = _free[^1];
                _free.RemoveAt(_free.Count - 1);
                _retainedBytes -= BytesOf(array);
                return array;
            }
        }
        return new T[minimumLength];
    }

    /// <summary>Gives back an array from <see cref="Rent{T}"/> (or any other); the caller must not use it afterwards.</summary>
    public void Return<T>(T[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        lock (_lock)
        {
            _free.Add(array);
            _retainedBytes += BytesOf(array);
        }
    }

    private static long BytesOf<T>(T[] array) => (long)array.Length * Unsafe.SizeOf<T>();
}
