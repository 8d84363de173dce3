namespace Recs.Tests.Http.Hostile;

/// <summary>
/// What an upload request means: the person it writes (lower-case; null when the username in the path is invalid),
/// who the caller claims to be, and the body with what the service may do with it.
/// </summary>
internal sealed record UploadIntent(string? User, Caller Caller, GeneratedUpload Upload, UploadOutcome Outcome);
