using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Recs.Aot.Http.Access;

/// <summary>
/// SHA-256 (FIPS 180-4) in managed code, for the few short secrets the service hashes (write tokens, the API key).
/// On Linux the runtime's <c>System.Security.Cryptography.SHA256</c> is OpenSSL's, and its first call maps libcrypto
/// into the process: 3.7 MB resident that a service on the embedded SQLite store would carry for nothing
/// (docs/PERFORMANCE.md, "The service under load"; on PostgreSQL, Npgsql's SCRAM sign-in maps it anyway). Tests
/// compare it with the runtime's on every length 0–300 and with the standard's examples.
/// </summary>
public static class Sha256
{
    /// <summary>Bytes in a hash.</summary>
    public const int HashSizeInBytes = 32;

    private const int BlockBytes = 64;

    private static ReadOnlySpan<uint> RoundConstants =>
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    /// <summary>Writes the SHA-256 of <paramref name="data"/> into <paramref name="hash"/>, which must hold 32 bytes.</summary>
    [SkipLocalsInit]
    public static void HashData(ReadOnlySpan<byte> data, Span<byte> hash)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hash.Length, HashSizeInBytes, nameof(hash));
        Span<uint> state = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
        Span<uint> schedule = stackalloc uint[64];
        int whole = data.Length - data.Length % BlockBytes;
        for (int at = 0; at < whole; at += BlockBytes)
            Compress(state, data.Slice(at, BlockBytes), schedule);

        // The tail, a 1 bit, zeros, and the message length in bits: one block, or two when the tail leaves fewer than
        // 9 bytes free.
        Span<byte> last = stackalloc byte[2 * BlockBytes];
        last.Clear();
        var tail = data[whole..];
        tail.CopyTo(last);
        last[tail.Length] = 0x80;
        int blocks = tail.Length + 9 <= BlockBytes ? 1 : 2;
        BinaryPrimitives.WriteUInt64BigEndian(last.Slice(blocks * BlockBytes - 8), (ulong)data.Length * 8);
        for (int b = 0; b < blocks; b++)
            Compress(state, last.Slice(b * BlockBytes, BlockBytes), schedule);
        for (int i = 0; i < 8; i++)
            BinaryPrimitives.WriteUInt32BigEndian(hash.Slice(4 * i), state[i]);
        // The last block may hold the end of a secret.
        last.Clear();
        schedule.Clear();
    }

    private static void Compress(Span<uint> state, ReadOnlySpan<byte> block, Span<uint> w)
    {
        for (int t = 0; t < 16; t++)
            w[t] = BinaryPrimitives.ReadUInt32BigEndian(block.Slice(4 * t));
        for (int t = 16; t < 64; t++)
        {
            uint s0 = BitOperations.RotateRight(w[t - 15], 7) ^ BitOperations.RotateRight(w[t - 15], 18) ^ (w[t - 15] >> 3);
            uint s1 = BitOperations.RotateRight(w[t - 2], 17) ^ BitOperations.RotateRight(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        var k = RoundConstants;
        for (int t = 0; t < 64; t++)
        {
            uint sum1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
            uint choose = (e & f) ^ (~e & g);
            uint t1 = h + sum1 + choose + k[t] + w[t];
            uint sum0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
            uint majority = (a & b) ^ (a & c) ^ (b & c);
            uint t2 = sum0 + majority;
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}
