using System.Globalization;

namespace Recs.Aot.Commands;

/// <summary>The cluster counts `recs train --clusters` tries, both ends included; shown as the option is written.</summary>
internal sealed record ClusterRange(int Min, int Max)
{
    public override string ToString() =>
        Min == Max ? Min.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{Min}..{Max}");
}
