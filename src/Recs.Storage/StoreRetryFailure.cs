namespace Recs.Storage;

/// <summary>One failed attempt reported by <see cref="StoreRetryPolicy"/>: which it was, why, and the wait before the next.</summary>
public readonly record struct StoreRetryFailure(int Attempt, int MaxAttempts, Exception Error, TimeSpan NextDelay)
{
    /// <summary>"attempt 2/8: {message}", for logs.</summary>
    public override string ToString() => $"attempt {Attempt}/{MaxAttempts}: {Error.Message}";
}
