using System.Text.Json;

namespace Recs.Tests.Docs;

/// <summary>
/// Compares two JSON answers by shape, not value: the same property names at every level, the same kind of value
/// under each (a null on either side matches any kind, since an optional field is null in one answer and set in
/// another), and every element of an array shaped like the documented element at its position (or the last one).
/// </summary>
internal static class JsonShape
{
    /// <summary>Where <paramref name="actual"/> differs in shape from <paramref name="documented"/>, one line each.</summary>
    public static List<string> Differences(JsonElement documented, JsonElement actual)
    {
        var differences = new List<string>();
        Compare(documented, actual, "$", differences);
        return differences;
    }

    private static void Compare(JsonElement documented, JsonElement actual, string path, List<string> differences)
    {
        if (documented.ValueKind == JsonValueKind.Null || actual.ValueKind == JsonValueKind.Null)
            return;
        if (Kind(documented) != Kind(actual))
        {
            differences.Add($"{path}: documented {Kind(documented)}, answered {Kind(actual)}");
            return;
        }
        if (documented.ValueKind == JsonValueKind.Object)
        {
            var answered = actual.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
            foreach (var property in documented.EnumerateObject())
            {
                if (answered.Remove(property.Name, out var value))
                    Compare(property.Value, value, $"{path}.{property.Name}", differences);
                else
                    differences.Add($"{path}.{property.Name}: documented, not in the answer");
            }
            differences.AddRange(answered.Keys.Select(name => $"{path}.{name}: in the answer, not documented"));
        }
        else if (documented.ValueKind == JsonValueKind.Array && documented.GetArrayLength() > 0)
        {
            int last = documented.GetArrayLength() - 1;
            int i = 0;
            foreach (var element in actual.EnumerateArray())
            {
                Compare(documented[System.Math.Min(i, last)], element, $"{path}[{i}]", differences);
                i++;
            }
        }
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var kind => kind.ToString().ToLowerInvariant(),
    };
}
