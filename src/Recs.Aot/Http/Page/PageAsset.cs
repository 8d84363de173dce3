using System.IO.Hashing;
using Microsoft.Extensions.Primitives;

namespace Recs.Aot.Http.Page;

/// <summary>One file of the browser page as it is served: its route, media type, bytes and a strong entity tag of those bytes.</summary>
internal sealed class PageAsset
{
    public PageAsset(string route, string contentType, byte[] body)
    {
        Route = route;
        ContentType = contentType;
        Body = body;
        // 96 bits of the content's XXH128: the tag changes when the bytes do, so it is strong (RFC 9110 §8.8.3). No
        // adversary chooses these bytes (they are compiled in), so a cryptographic hash buys nothing, and SHA-256 here
        // loaded OpenSSL (about 3.5 MB resident, a few ms) into every start.
        ETag = "\"" + Convert.ToHexStringLower(XxHash128.Hash(body).AsSpan(0, 12)) + "\"";
    }

    public string Route { get; }

    public string ContentType { get; }

    public byte[] Body { get; }

    public string ETag { get; }

    /// <summary>
    /// True when an If-None-Match header names this version (or is <c>*</c>), so a 304 may answer; the comparison is
    /// the weak one RFC 9110 §13.1.2 prescribes for If-None-Match, so a <c>W/</c> prefix a proxy added still matches.
    /// </summary>
    public bool IsNamedBy(StringValues ifNoneMatch)
    {
        foreach (string? header in ifNoneMatch)
        {
            if (header is null)
                continue;
            foreach (var range in header.AsSpan().Split(','))
            {
                var tag = header.AsSpan()[range].Trim();
                if (tag.StartsWith("W/", StringComparison.Ordinal))
                    tag = tag[2..];
                if (tag is "*" || tag.SequenceEqual(ETag))
                    return true;
            }
        }
        return false;
    }
}
