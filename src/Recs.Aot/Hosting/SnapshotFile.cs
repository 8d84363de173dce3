using Microsoft.Extensions.Options;
using Recs.Engine.Data;
using Recs.Engine.Model;

namespace Recs.Aot.Hosting;

/// <summary>The trained model on disk (<see cref="RecsOptions.SnapshotPath"/>): loaded at start-up when it fits the catalogue, saved after each training.</summary>
public sealed class SnapshotFile(ModelState modelState, IOptions<RecsOptions> options, ILogger<SnapshotFile> log)
{
    private readonly string _path = options.Value.SnapshotPath;

    /// <summary>The saved model when one exists, is intact and was trained on <paramref name="data"/>'s catalogue; otherwise null (and why, in /health).</summary>
    public TrainedModel? Load(RatingsDataset data)
    {
        if (string.IsNullOrWhiteSpace(_path))
            return null;
        RemoveUnfinishedSaves();
        if (!File.Exists(_path))
            return null;
        try
        {
            var trained = ModelSnapshot.Load(_path);
            if (trained.Header.CatalogueFingerprint != CatalogueFingerprint.Of(data))
                throw new InvalidDataException("it was trained on a different film catalogue");
            modelState.SnapshotLoaded();
            log.LogInformation("model: snapshot {Version} loaded from {Path}", trained.Header.Version, _path);
            return trained;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            modelState.SnapshotRejected(e.Message);
            log.LogWarning("model: snapshot {Path} rejected, retraining: {Error}", _path, e.Message);
            return null;
        }
    }

    // A process killed while saving leaves its temporary file (the snapshot itself is only ever replaced by a rename).
    private void RemoveUnfinishedSaves()
    {
        string full = Path.GetFullPath(_path);
        if (Path.GetDirectoryName(full) is not { } folder || !Directory.Exists(folder))
            return;
        foreach (string stale in Directory.EnumerateFiles(folder, Path.GetFileName(full) + ".*.tmp"))
        {
            try
            {
                File.Delete(stale);
                log.LogInformation("model: removed the unfinished snapshot save {Path}", stale);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.LogWarning("model: could not remove {Path}: {Error}", stale, e.Message);
            }
        }
    }

    /// <summary>Saves <paramref name="trained"/> (temporary file, then rename); a failure is logged and the service carries on.</summary>
    public void Save(TrainedModel trained)
    {
        if (string.IsNullOrWhiteSpace(_path))
            return;
        try
        {
            ModelSnapshot.Save(trained, _path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogWarning("model: could not save the snapshot to {Path}: {Error}", _path, e.Message);
        }
    }
}
