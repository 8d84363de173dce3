using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Recs.Aot.Http.Access;

/// <summary>
/// Cryptographically secure random bytes from the kernel (<c>getrandom(2)</c>, the source OpenSSL itself seeds from)
/// on Linux, and from <see cref="RandomNumberGenerator"/> elsewhere. On Linux the runtime's generator is OpenSSL's,
/// whose first call maps libcrypto into the process for good (see <see cref="Sha256"/>).
/// </summary>
public static partial class KernelRandom
{
    private const int Interrupted = 4; // EINTR

    /// <summary>Fills <paramref name="destination"/>; throws <see cref="CryptographicException"/> when the kernel refuses.</summary>
    public static unsafe void Fill(Span<byte> destination)
    {
        if (!OperatingSystem.IsLinux())
        {
            RandomNumberGenerator.Fill(destination);
            return;
        }
        fixed (byte* start = destination)
        {
            int filled = 0;
            while (filled < destination.Length)
            {
                // Flags 0: the urandom pool, which blocks only until it is first seeded at boot. Reads of up to 256
                // bytes return whole; longer ones may return part and are continued.
                nint read = GetRandom(start + filled, (nuint)(destination.Length - filled), 0);
                if (read > 0)
                {
                    filled += (int)read;
                    continue;
                }
                int error = Marshal.GetLastPInvokeError();
                if (read < 0 && error == Interrupted)
                    continue;
                throw new CryptographicException($"getrandom failed (errno {error})");
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "getrandom", SetLastError = true)]
    private static unsafe partial nint GetRandom(byte* buffer, nuint length, uint flags);
}
