namespace Recs.Storage.Import;

/// <summary>Progress of a running import: the file being read and how many of its data rows were read so far.</summary>
public readonly record struct ImportProgress(string File, long RowsRead);
