using System.Text;
using Recs.Load;

namespace Recs.Tests.Load;

/// <summary>The load suite reads the server's own account of its memory from GET /api/memory, and only from such a body.</summary>
public sealed class ServerMemoryAccountTests
{
    private static byte[] MemoryBody(long committed, long heap, long free, long scratch, long model, long cache, string retired) => Encoding.UTF8.GetBytes(
        $$"""
        {"working_set_bytes":72708096,"gc_heap_bytes":28296888,"cache":{"entries":3,"bytes":{{cache}},"max_bytes":16777216},
         "model_bytes":{{model}},"gc":{"heap_size_bytes":{{heap}},"fragmented_bytes":{{free}},"committed_bytes":{{committed}},"index":7},
         "training_scratch_bytes":{{scratch}}{{retired}}}
        """);

    [Fact]
    public void Each_figure_is_read_from_its_own_field()
    {
        var account = ServerMemoryAccount.Parse(MemoryBody(61, 43, 17, 14, 20, 4, ""","retired":{"count":1,"bytes":7}"""));
        Assert.Equal(new ServerMemoryAccount(61, 43, 17, 14, 20, 4, 7), account);
    }

    [Fact]
    public void A_server_without_retired_models_counts_none()
    {
        Assert.Equal(0, ServerMemoryAccount.Parse(MemoryBody(61, 43, 17, 14, 20, 4, ""))!.RetiredBytes);
    }

    [Theory]
    [InlineData("""{"status":"healthy"}""")]
    [InlineData("""{"gc":{"committed_bytes":"many"}}""")]
    [InlineData("not json")]
    [InlineData("")]
    public void A_body_that_is_not_a_memory_account_gives_none(string body)
    {
        Assert.Null(ServerMemoryAccount.Parse(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void The_description_names_every_part_in_the_reports_megabytes()
    {
        string line = new ServerMemoryAccount(64L << 20, 40L << 20, 20L << 20, 14L << 20, 20L << 20, 4L << 20, 7L << 20).Describe();
        Assert.Equal("collector 64.0 committed (heap 40.0, free 20.0), scratch 14.0, model 20.0, cache 4.0, retired 7.0", line);
    }
}
