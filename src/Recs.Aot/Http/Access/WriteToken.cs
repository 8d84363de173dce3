using System.Security.Cryptography;
using System.Text;

namespace Recs.Aot.Http.Access;

/// <summary>Per-person write tokens: 256 random bits as URL-safe text; only their SHA-256 is stored.</summary>
public static class WriteToken
{
    public const string Prefix = "rw_";

    /// <summary>A new token and the hash to store for it.</summary>
    public static (string Token, byte[] Hash) Create()
    {
        string token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    /// <summary>SHA-256 of the token's UTF-8 bytes (32 bytes).</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
