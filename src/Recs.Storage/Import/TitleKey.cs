using System.Globalization;

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
        Span<char> key = title.Length <= 256 ? stackalloc char[title.Length] : new char[title.Length];
        return new string(key[..Normalize(title, key)]);
    }

    /// <summary>
    /// Writes the key of <paramref name="title"/> into <paramref name="key"/> and returns its length, which is never
    /// more than the title's (every character maps to at most one), so a buffer of the title's length always suffices.
    /// </summary>
    public static int Normalize(ReadOnlySpan<char> title, Span<char> key)
    {
        if (key.Length < title.Length)
            throw new ArgumentException("the key buffer must be at least as long as the title", nameof(key));
        int length = 0;
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
                if (pendingSpace && length > 0)
                {
                    key[length++] = ' ';
                }
                pendingSpace = false;
                key[length++] = char.ToLowerInvariant(c);
            }
            else if (c is not ('\'' or '\u2019'))
            {
                // Apostrophes vanish ("Schindler's" = "schindlers"); every other separator becomes one space.
                pendingSpace = true;
            }
        }
        return length;
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
