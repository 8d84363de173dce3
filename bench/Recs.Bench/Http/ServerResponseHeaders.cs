using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Recs.Bench.Http;

/// <summary>
/// Response headers that keep Content-Length as a number, as Kestrel's do: <see cref="HeaderDictionary"/> formats it
/// into a new string on every set, an allocation the real server never makes and the benchmarks must not count.
/// </summary>
internal sealed class ServerResponseHeaders : IHeaderDictionary
{
    private readonly HeaderDictionary _others = new();

    public long? ContentLength { get; set; }

    public StringValues this[string key]
    {
        get => IsContentLength(key) ? (ContentLength is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : default) : _others[key];
        set
        {
            if (IsContentLength(key))
                ContentLength = StringValues.IsNullOrEmpty(value) ? null : long.Parse(value.ToString(), System.Globalization.CultureInfo.InvariantCulture);
            else
                _others[key] = value;
        }
    }

    public int Count => _others.Count + (ContentLength is null ? 0 : 1);

    public bool IsReadOnly => false;

    public ICollection<string> Keys => [.. this.Select(h => h.Key)];

    public ICollection<StringValues> Values => [.. this.Select(h => h.Value)];

    public void Clear()
    {
        ContentLength = null;
        _others.Clear();
    }

    public void Add(string key, StringValues value) => this[key] = value;

    public void Add(KeyValuePair<string, StringValues> item) => this[item.Key] = item.Value;

    public bool ContainsKey(string key) => IsContentLength(key) ? ContentLength is not null : _others.ContainsKey(key);

    public bool Contains(KeyValuePair<string, StringValues> item) => TryGetValue(item.Key, out var value) && value.Equals(item.Value);

    public bool Remove(string key)
    {
        if (!IsContentLength(key))
            return _others.Remove(key);
        bool had = ContentLength is not null;
        ContentLength = null;
        return had;
    }

    public bool Remove(KeyValuePair<string, StringValues> item) => Contains(item) && Remove(item.Key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out StringValues value)
    {
        value = this[key];
        return ContainsKey(key);
    }

    public void CopyTo(KeyValuePair<string, StringValues>[] array, int arrayIndex)
    {
        foreach (var header in this)
            array[arrayIndex++] = header;
    }

    public IEnumerator<KeyValuePair<string, StringValues>> GetEnumerator()
    {
        if (ContentLength is not null)
            yield return new(HeaderNames.ContentLength, this[HeaderNames.ContentLength]);
        foreach (var header in _others)
            yield return header;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static bool IsContentLength(string key) => string.Equals(key, HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase);
}
