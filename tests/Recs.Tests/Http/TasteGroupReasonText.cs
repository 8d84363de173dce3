using System.Text.RegularExpressions;

namespace Recs.Tests.Http;

/// <summary>The wording of a taste-group reason: "rated 4.2★ by 37 of the 210 people in your taste group".</summary>
internal static partial class TasteGroupReasonText
{
    [GeneratedRegex(@"^rated (?<stars>\d\.\d)★ by (?<raters>\d+) of the (?<members>\d+) people in your taste group$")]
    public static partial Regex Pattern();
}
