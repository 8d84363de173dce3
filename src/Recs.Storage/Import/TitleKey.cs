using System.Globalization;
using System.Text;

namespace Recs.Storage.Import;

/// <summary>Normalises film titles for matching across sources: lower-case, diacritics removed, punctuation and whitespace collapsed.</summary>
public static class TitleKey
{
    // The service runs with invariant globalization, where string.Normalize leaves accented letters composed, so Latin
    // letters with diacritics (U+00C0–U+024F, which covers film titles in Latin scripts) are folded by this table.
    private const string Accented = "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĴĵĶķĹĺĻļĽľŁłŃńŅņŇňŌōŎŏŐőŒœŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳ";
    private const string Plain = "AAAAAAACEEEEIIIIDNOOOOOOUUUUYTsaaaaaaaceeeeiiiidnoooooouuuuytyAaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiJjKkLlLlLlLlNnNnNnOoOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzOoUuAaIiOoUuUuUuUuUuAaAaGgKkOoOojGgNnAaAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoOoOoYy";
    private const char FirstAccented = '\u00C0';
    private const char LastAccented = '\u024F';
    private static readonly char[] Fold = BuildFold();

    /// <summary>"Léon: The Professional" → "leon the professional".</summary>
    public static string Normalize(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var key = new StringBuilder(title.Length);
        bool pendingSpace = false;
        foreach (char raw in title)
        {
            char c = raw is >= FirstAccented and <= LastAccented ? Fold[raw - FirstAccented] : raw;
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && key.Length > 0)
                {
                    key.Append(' ');
                }
                pendingSpace = false;
                key.Append(char.ToLowerInvariant(c));
            }
            else if (c is not ('\'' or '\u2019'))
            {
                // Apostrophes vanish ("Schindler's" = "schindlers"); every other separator becomes one space.
                pendingSpace = true;
            }
        }
        return key.ToString();
    }

    private static char[] BuildFold()
    {
        var fold = new char[LastAccented - FirstAccented + 1];
        for (int i = 0; i < fold.Length; i++)
        {
            fold[i] = (char)(FirstAccented + i);
        }
        for (int i = 0; i < Accented.Length; i++)
        {
            fold[Accented[i] - FirstAccented] = Plain[i];
        }
        return fold;
    }
}
