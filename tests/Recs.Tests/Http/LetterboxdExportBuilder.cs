using System.Globalization;
using System.IO.Compression;
using System.Text;
using Recs.Engine.Catalog;

namespace Recs.Tests.Http;

/// <summary>Builds Letterboxd account export files (ratings.csv, watched.csv, watchlist.csv, the zip) from catalogue films.</summary>
internal static class LetterboxdExportBuilder
{
    /// <summary>A ratings.csv naming each film by title and year, with a short link the catalogue does not know.</summary>
    public static string RatingsCsv(IEnumerable<(Film Film, float Stars)> ratings, string newline = "\n")
    {
        var csv = new StringBuilder("Date,Name,Year,Letterboxd URI,Rating").Append(newline);
        int id = 0;
        foreach (var (film, stars) in ratings)
        {
            csv.Append("2024-03-01,").Append(Quote(film.Title)).Append(',').Append(film.Year?.ToString(CultureInfo.InvariantCulture))
               .Append(",https://boxd.it/zz").Append(id++.ToString(CultureInfo.InvariantCulture)).Append(',')
               .Append(stars.ToString(CultureInfo.InvariantCulture)).Append(newline);
        }
        return csv.ToString();
    }

    /// <summary>A watched.csv or watchlist.csv: the same columns without Rating.</summary>
    public static string ListCsv(IEnumerable<Film> films)
    {
        var csv = new StringBuilder("Date,Name,Year,Letterboxd URI\n");
        foreach (var film in films)
            csv.Append("2024-03-01,").Append(Quote(film.Title)).Append(',').Append(film.Year?.ToString(CultureInfo.InvariantCulture)).Append(",https://boxd.it/yy\n");
        return csv.ToString();
    }

    /// <summary>A zip holding the given entries (name → text), as Letterboxd's export does.</summary>
    public static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return buffer.ToArray();
    }

    private static string Quote(string field) => field.Contains(',') || field.Contains('"') ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
