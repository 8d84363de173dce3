using System.Globalization;
using System.Text;

namespace Recs.Storage.Import;

/// <summary>Normalises film titles for matching across sources: lower-case, diacritics removed, punctuation and whitespace collapsed.</summary>
public static class TitleKey
{
    /// <summary>"Léon: The Professional" → "leon the professional".</summary>
    public static string Normalize(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        string decomposed = title.Normalize(NormalizationForm.FormD);
        var key = new StringBuilder(decomposed.Length);
        bool pendingSpace = false;
        foreach (char c in decomposed)
        {
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
            else if (c is not ('\'' or '’'))
            {
                // Apostrophes vanish ("Schindler's" = "schindlers"); every other separator becomes one space.
                pendingSpace = true;
            }
        }
        return key.ToString();
    }
}
