using System.Text;
using Recs.Load;

namespace Recs.Tests.Load;

public sealed class ModeFieldTests
{
    [Theory]
    [InlineData("""{"username":"a","mode":"ultra_fast","elapsed_ms":0.004}""", "ultra_fast")]
    [InlineData("""{"username":"a","new_user":true,"recommendations":{"username":"a","mode":"computed"}}""", "computed")]
    [InlineData("""{"mode":"something_new"}""", "something_new")]
    [InlineData("""{"status":"healthy"}""", null)]
    [InlineData("""{"mode":"unterminated""", null)]
    public void Mode_is_the_first_mode_field_of_the_body(string body, string? expected) =>
        Assert.Equal(expected, ModeField.Read(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void Known_modes_are_returned_as_one_shared_string_so_histograms_do_not_allocate_per_answer() =>
        Assert.Same(ModeField.Read("""{"mode":"fallback"}"""u8), ModeField.Read("""{"x":1,"mode":"fallback"}"""u8));
}
