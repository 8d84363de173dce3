using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Recs.Aot.Http.Access;

/// <summary>Compares a presented secret with the expected one in time that depends on neither's content nor length.</summary>
public static class SecretComparison
{
    // Secrets up to this many UTF-8 bytes are encoded on the stack; longer ones (headers may be kilobytes) use the pool.
    private const int StackLimit = 256;

    /// <summary>
    /// True when <paramref name="presented"/> equals <paramref name="expected"/> ordinally. Both are hashed with SHA-256
    /// first, so the fixed-time comparison runs over 32 bytes whatever their lengths, and a caller timing the answer
    /// learns neither a matching prefix nor the expected length.
    /// </summary>
    public static bool Matches(ReadOnlySpan<char> presented, ReadOnlySpan<char> expected)
    {
        Span<byte> left = stackalloc byte[Sha256.HashSizeInBytes];
        Span<byte> right = stackalloc byte[Sha256.HashSizeInBytes];
        Sha256OfUtf8(presented, left);
        Sha256OfUtf8(expected, right);
        return CryptographicOperations.FixedTimeEquals(left, right);
    }

    /// <summary>Writes SHA-256 of the UTF-8 encoding of <paramref name="text"/> into <paramref name="hash"/> (32 bytes).</summary>
    public static void Sha256OfUtf8(ReadOnlySpan<char> text, Span<byte> hash)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = max > StackLimit ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> buffer = rented is null ? stackalloc byte[StackLimit] : rented;
        try
        {
            int length = Encoding.UTF8.GetBytes(text, buffer);
            Sha256.HashData(buffer[..length], hash);
        }
        finally
        {
            if (rented is not null)
            {
                // The buffer held a secret; it goes back to a shared pool.
                CryptographicOperations.ZeroMemory(rented);
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
