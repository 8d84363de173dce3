using System.Security.Cryptography;
using Recs.Engine.Storage;

namespace Recs.Storage;

/// <summary>Who may write a person, decided by both stores inside the write's transaction from what is stored about them.</summary>
internal static class PersonAuthorization
{
    /// <summary>
    /// Created for a person who does not exist yet; Updated when the caller holds the API key or the person's own token;
    /// otherwise the refusal that says what is missing. Token hashes are compared in constant time.
    /// </summary>
    public static WriteOutcome Decide(bool exists, byte[]? storedTokenHash, PersonWrite write)
    {
        if (!exists)
            return WriteOutcome.Created;
        if (write.Authority == WriteAuthority.ApiKey)
            return WriteOutcome.Updated;
        if (storedTokenHash is null)
            return WriteOutcome.ApiKeyRequired;
        if (write.PresentedTokenHash is null)
            return WriteOutcome.TokenRequired;
        return CryptographicOperations.FixedTimeEquals(storedTokenHash, write.PresentedTokenHash)
            ? WriteOutcome.Updated
            : WriteOutcome.TokenRejected;
    }

    /// <summary>Checks the write's shape before any transaction starts: a valid username that every rating carries, and a 32-byte token hash.</summary>
    public static string Validate(PersonWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!Engine.Catalog.Username.TryNormalize(write.Username, out string? username, out string? error))
            throw new ArgumentException($"invalid username '{write.Username}': {error}", nameof(write));
        if (write.NewTokenHash is not { Length: 32 })
            throw new ArgumentException("the new token hash must be 32 bytes (SHA-256)", nameof(write));
        foreach (var rating in write.Ratings)
        {
            if (RatingRules.Validate(rating) != username)
                throw new ArgumentException($"a rating for '{rating.Username}' is not {username}'s", nameof(write));
        }
        return username;
    }
}
