namespace Recs.Storage.Import;

/// <summary>Reports rows read every <see cref="Interval"/> rows, and once at the end, without flooding the receiver.</summary>
internal sealed class ProgressCounter(IProgress<ImportProgress>? progress, string file)
{
    public const long Interval = 100_000;

    public long Rows { get; private set; }

    public void Tick()
    {
        Rows++;
        if (Rows % Interval == 0)
        {
            progress?.Report(new ImportProgress(file, Rows));
        }
    }

    public void Finish()
    {
        if (Rows % Interval != 0)
        {
            progress?.Report(new ImportProgress(file, Rows));
        }
    }
}
