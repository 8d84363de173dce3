namespace Recs.Storage;

/// <summary>
/// A checked rating with its film and user as store ids. <see cref="User"/> is negative for a user the store does not
/// hold yet: -1 for the first such user of the write, -2 for the second, and so on, with <see cref="NewUser"/> set to
/// the canonical name on that user's first row only.
/// </summary>
internal readonly record struct ResolvedRating(long User, long Film, float Stars, DateOnly? RatedOn, string? NewUser);
