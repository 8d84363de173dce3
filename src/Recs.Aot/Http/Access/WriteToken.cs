using System.Buffers.Text;
using System.Security.Cryptography;

namespace Recs.Aot.Http.Access;

/// <summary>
/// A per-person write token: <c>rw_</c> and 256 random bits in base64url (46 URL-safe characters). The person keeps
/// the token; the service stores only its SHA-256 (32 bytes), so a leaked database does not leak write access.
/// </summary>
public static class WriteToken
{
    public const string Prefix = "rw_";

    /// <summary>Random bytes in a token (256 bits, twice the 128 that make guessing hopeless).</summary>
    public const int RandomBytes = 32;

    /// <summary>Bytes of a stored hash.</summary>
    public const int HashBytes = Sha256.HashSizeInBytes;

    /// <summary>Characters in a token made by <see cref="Create"/>.</summary>
    public static readonly int Length = Prefix.Length + Base64Url.GetEncodedLength(RandomBytes);

    /// <summary>
    /// A new token from the kernel's cryptographic random source (<see cref="KernelRandom"/>), and the hash to store for it (see
    /// <see cref="Hash"/>). The token is shown to its owner once and kept nowhere.
    /// </summary>
    public static (string Token, byte[] Hash) Create()
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        KernelRandom.Fill(random);
        Span<char> text = stackalloc char[Length];
        Prefix.CopyTo(text);
        Base64Url.EncodeToChars(random, text[Prefix.Length..]);
        var token = new string(text);
        CryptographicOperations.ZeroMemory(random);
        return (token, Hash(token));
    }

    /// <summary>The value to store for <paramref name="token"/>: SHA-256 of its UTF-8 bytes, 32 bytes.</summary>
    public static byte[] Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var hash = new byte[HashBytes];
        SecretComparison.Sha256OfUtf8(token, hash);
        return hash;
    }

    /// <summary>
    /// True when <paramref name="presented"/> hashes to <paramref name="storedHash"/>, compared in constant time; false
    /// for no token or a stored value that is not a 32-byte hash.
    /// </summary>
    public static bool Verify(string? presented, ReadOnlySpan<byte> storedHash)
    {
        if (presented is null || storedHash.Length != HashBytes)
            return false;
        Span<byte> hash = stackalloc byte[HashBytes];
        SecretComparison.Sha256OfUtf8(presented, hash);
        return CryptographicOperations.FixedTimeEquals(hash, storedHash);
    }
}
