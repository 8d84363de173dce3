using Microsoft.Extensions.Options;
using Recs.Engine.Data;
using Recs.Engine.Model;
using Recs.Engine.Persistence;

namespace Recs.Aot.Hosting;

/// <summary>
/// The snapshots on local disk: the trained model at <see cref="RecsOptions.SnapshotPath"/> and, beside it with the
/// suffix ".data", the data it serves (catalogue, rating rows, exclusions, the store's identity and change sequence).
/// Together they let a restart serve at once, before the store is read; saves go through a temporary file and a
/// rename, and a save that fails is logged while the service carries on.
/// </summary>
public sealed class LocalSnapshots(ModelState modelState, IOptions<RecsOptions> options, ILogger<LocalSnapshots> log)
{
    private readonly string _modelPath = options.Value.SnapshotPath;
    private readonly Lock _dataSave = new();
    private long _savedSequence = long.MinValue;

    private bool Enabled => !string.IsNullOrWhiteSpace(_modelPath);

    /// <summary>Where the data snapshot lives: the model snapshot's path with ".data" appended.</summary>
    public string DataPath => _modelPath + ".data";

    /// <summary>The saved data and the identity of the store it was read from, or null when there is none or it is unreadable.</summary>
    public (string StoreId, RatingsDataset Data)? LoadData()
    {
        if (!Enabled)
            return null;
        // Called first at start, before anything saves: the pattern covers the data file's temporary files too.
        RemoveUnfinishedSaves(_modelPath);
        if (!File.Exists(DataPath))
            return null;
        try
        {
            var loaded = DatasetSnapshot.Load(DataPath);
            log.LogInformation("data: snapshot at sequence {Sequence} loaded from {Path} ({Users} users, {Films} films, {Ratings} ratings)",
                loaded.Data.Sequence, DataPath, loaded.Data.UserCount, loaded.Data.FilmCount, loaded.Data.RatingCount);
            return loaded;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            log.LogWarning("data: snapshot {Path} rejected, reading the store: {Error}", DataPath, e.Message);
            return null;
        }
    }

    /// <summary>The saved model when one exists, is intact and was trained on <paramref name="data"/>'s catalogue; otherwise null (and why, in /health).</summary>
    public TrainedModel? LoadModel(RatingsDataset data)
    {
        if (!Enabled || !File.Exists(_modelPath))
            return null;
        try
        {
            var trained = ModelSnapshot.Load(_modelPath);
            if (trained.Header.CatalogueFingerprint != CatalogueFingerprint.Of(data))
                throw new InvalidDataException("it was trained on a different film catalogue");
            modelState.SnapshotLoaded();
            log.LogInformation("model: snapshot {Version} loaded from {Path}", trained.Header.Version, _modelPath);
            return trained;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            modelState.SnapshotRejected(e.Message);
            log.LogWarning("model: snapshot {Path} rejected, retraining: {Error}", _modelPath, e.Message);
            return null;
        }
    }

    /// <summary>Saves <paramref name="trained"/>.</summary>
    public void SaveModel(TrainedModel trained)
    {
        if (Enabled)
            Save(_modelPath, "model", () => ModelSnapshot.Save(trained, _modelPath));
    }

    /// <summary>Saves <paramref name="data"/> as read from the store <paramref name="storeId"/>; an older save never replaces a newer one.</summary>
    public void SaveData(RatingsDataset data, string storeId)
    {
        if (!Enabled)
            return;
        // Saves from the training loop and from a full read may overlap; one at a time, and the newest data stays.
        lock (_dataSave)
        {
            if (data.Sequence < _savedSequence)
                return;
            Save(DataPath, "data", () => DatasetSnapshot.Save(data, storeId, DataPath));
            _savedSequence = data.Sequence;
        }
    }

    private void Save(string path, string what, Action save)
    {
        try
        {
            save();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogWarning("{What}: could not save the snapshot to {Path}: {Error}", what, path, e.Message);
        }
    }

    // A process killed while saving leaves its temporary file (a snapshot itself is only ever replaced by a rename).
    private void RemoveUnfinishedSaves(string path)
    {
        string full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is not { } folder || !Directory.Exists(folder))
            return;
        foreach (string stale in Directory.EnumerateFiles(folder, SnapshotFiles.TemporaryPattern(full)))
        {
            try
            {
                File.Delete(stale);
                log.LogInformation("snapshot: removed the unfinished save {Path}", stale);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.LogWarning("snapshot: could not remove {Path}: {Error}", stale, e.Message);
            }
        }
    }
}
