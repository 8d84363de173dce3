using Npgsql;

namespace Recs.Storage;

/// <summary>Turns a <c>postgres://user:password@host:port/db?sslmode=…</c> URL, as hosting platforms provide it, into an Npgsql connection string.</summary>
public static class PostgresUrl
{
    public const int DefaultPort = 5432;

    /// <summary>True when <paramref name="value"/> starts with postgres:// or postgresql://.</summary>
    public static bool IsPostgresUrl(string? value) =>
        value is not null
        && (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses the URL; missing parts default as libpq does; throws <see cref="FormatException"/> when it is not a PostgreSQL URL.</summary>
    public static NpgsqlConnectionStringBuilder Parse(string url, string? defaultUser = null)
    {
        if (!IsPostgresUrl(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new FormatException("DATABASE_URL must look like postgres://user:password@host:5432/database");
        }
        string user = defaultUser ?? Environment.UserName;
        string? password = null;
        if (uri.UserInfo.Length > 0)
        {
            int colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            string rawUser = colon < 0 ? uri.UserInfo : uri.UserInfo[..colon];
            if (rawUser.Length > 0)
            {
                user = Uri.UnescapeDataString(rawUser);
            }
            if (colon >= 0)
            {
                password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }
        string database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = string.IsNullOrEmpty(uri.Host) ? "localhost" : uri.Host.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port,
            Username = user,
            Database = database.Length > 0 ? database : user,
        };
        if (password is not null)
        {
            builder.Password = password;
        }
        foreach (var (key, value) in QueryPairs(uri.Query))
        {
            if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase))
            {
                builder.SslMode = ParseSslMode(value);
            }
        }
        return builder;
    }

    internal static SslMode ParseSslMode(string value) => value.ToLowerInvariant() switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        "verify-full" => SslMode.VerifyFull,
        _ => throw new FormatException($"unknown sslmode '{value}'"),
    };

    private static IEnumerable<(string Key, string Value)> QueryPairs(string query)
    {
        foreach (string pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            yield return eq < 0
                ? (Uri.UnescapeDataString(pair), "")
                : (Uri.UnescapeDataString(pair[..eq]), Uri.UnescapeDataString(pair[(eq + 1)..]));
        }
    }
}
