namespace Recs.Engine.Storage;

/// <summary>A trained model one replica published for the others (see <see cref="IReplicaCoordination"/>), without its bytes.</summary>
/// <param name="Id">Grows with every publication; a higher id is a later model.</param>
/// <param name="Version">The model's own version (its header).</param>
/// <param name="DataSequence">The store change sequence of the data it was trained on.</param>
/// <param name="CatalogueFingerprint">The fingerprint of the film catalogue it was trained on: it pairs only with data of the same catalogue.</param>
/// <param name="Bytes">Size of the model snapshot.</param>
/// <param name="PublishedAt">When it was published, by the database's clock.</param>
public sealed record PublishedModel(long Id, string Version, long DataSequence, ulong CatalogueFingerprint, long Bytes, DateTimeOffset PublishedAt);
