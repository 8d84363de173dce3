using System.Text;

namespace Recs.Tests.Http.Hostile;

/// <summary>Percent-encoding for generated targets, including the forms a careless client produces.</summary>
internal static class UrlText
{
    /// <summary>How a generated value is put into a target.</summary>
    public enum Mode
    {
        /// <summary>Every character outside RFC 3986's unreserved set as %XX of its UTF-8 bytes.</summary>
        Encoded,

        /// <summary>Encoded twice, so the service sees "%41" where "A" was meant.</summary>
        DoubleEncoded,

        /// <summary>Left as it is for <see cref="Uri"/> to escape and normalise (dot segments, backslashes).</summary>
        Raw,
    }

    /// <summary>
    /// Encodes <paramref name="value"/>; a lone surrogate becomes the three bytes a naive encoder writes for it
    /// (e.g. %ED%A0%80), which are not UTF-8, so the server sees bytes no valid client sends.
    /// </summary>
    public static string Encode(string value)
    {
        var text = new StringBuilder(value.Length * 3);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
            {
                text.Append(c);
                continue;
            }
            int codePoint = c;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                codePoint = char.ConvertToUtf32(c, value[++i]);
            AppendUtf8(text, codePoint);
        }
        return text.ToString();
    }

    /// <summary>The value as it reaches the service after the server's one round of percent-decoding; null when that cannot be known.</summary>
    public static string? Decoded(string value, Mode mode) => mode switch
    {
        Mode.Encoded => value,
        Mode.DoubleEncoded => Encode(value),
        _ => null,
    };

    /// <summary>Puts <paramref name="value"/> into a target in the given mode.</summary>
    public static string Apply(string value, Mode mode) => mode switch
    {
        Mode.Encoded => Encode(value),
        Mode.DoubleEncoded => Encode(Encode(value)),
        _ => value,
    };

    private static void AppendUtf8(StringBuilder text, int codePoint)
    {
        Span<byte> bytes = stackalloc byte[4];
        int length;
        if (codePoint < 0x80)
        {
            bytes[0] = (byte)codePoint;
            length = 1;
        }
        else if (codePoint < 0x800)
        {
            bytes[0] = (byte)(0xC0 | (codePoint >> 6));
            bytes[1] = (byte)(0x80 | (codePoint & 0x3F));
            length = 2;
        }
        else if (codePoint < 0x10000)
        {
            bytes[0] = (byte)(0xE0 | (codePoint >> 12));
            bytes[1] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
            bytes[2] = (byte)(0x80 | (codePoint & 0x3F));
            length = 3;
        }
        else
        {
            bytes[0] = (byte)(0xF0 | (codePoint >> 18));
            bytes[1] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
            bytes[2] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
            bytes[3] = (byte)(0x80 | (codePoint & 0x3F));
            length = 4;
        }
        foreach (byte b in bytes[..length])
            text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
    }
}
