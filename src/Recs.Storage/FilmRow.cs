using System.Data.Common;
using Recs.Engine.Catalog;

namespace Recs.Storage;

/// <summary>Maps the films query's columns (slug, title, year, genres, content_type, popularity, letterboxd_uri), shared by both stores.</summary>
internal static class FilmRow
{
    public const string Columns = "slug, title, year, genres, content_type, popularity, letterboxd_uri";

    /// <summary>How many columns <see cref="Columns"/> names: the ordinal of a column selected after them.</summary>
    public const int Count = 7;

    public static Film Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetInt32(2),
        GenreList.Split(reader.GetString(3)),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetFloat(5),
        reader.IsDBNull(6) ? null : reader.GetString(6));
}
