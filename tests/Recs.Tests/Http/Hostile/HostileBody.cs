namespace Recs.Tests.Http.Hostile;

/// <summary>A request body: its bytes, the Content-Type header exactly as sent (null: none) and whether it goes chunked, without a length.</summary>
internal sealed record HostileBody(byte[] Bytes, string? ContentType, bool Chunked = false);
