namespace Recs.Aot.Http.Contracts;

/// <summary>The body of /api/test/{username}.</summary>
public sealed record UserTestResponse(string Username, bool Exists, int Ratings);
