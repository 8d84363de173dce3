using System.Text.Json;

namespace Recs.Tests.Docs;

public sealed class JsonShapeTests
{
    private static List<string> Differences(string documented, string actual)
    {
        using var d = JsonDocument.Parse(documented);
        using var a = JsonDocument.Parse(actual);
        return JsonShape.Differences(d.RootElement, a.RootElement);
    }

    [Fact]
    public void Same_names_and_kinds_with_other_values_match()
    {
        Assert.Empty(Differences("""{"a":1,"b":"x","c":[{"d":true}],"e":null}""", """{"a":2.5,"b":"y","c":[{"d":false},{"d":true}],"e":{"f":1}}"""));
    }

    [Fact]
    public void A_missing_an_extra_or_a_changed_property_is_named_with_its_path()
    {
        var differences = Differences("""{"a":1,"items":[{"id":"x","score":1}]}""", """{"items":[{"id":"x","score":"high","new":0}],"z":0}""");
        Assert.Equal(
            ["$.a: documented, not in the answer", "$.items[0].score: documented number, answered string", "$.items[0].new: in the answer, not documented", "$.z: in the answer, not documented"],
            differences);
    }
}
