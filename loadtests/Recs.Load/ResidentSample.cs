namespace Recs.Load;

/// <summary>One reading of a process's resident memory in bytes: the whole (VmRSS) and its anonymous and file-backed parts.</summary>
internal readonly record struct ResidentSample(long Bytes, long AnonymousBytes, long FileBytes);
