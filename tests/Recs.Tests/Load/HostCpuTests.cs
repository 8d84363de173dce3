using Recs.Load;

namespace Recs.Tests.Load;

public sealed class HostCpuTests
{
    [Fact]
    public void The_aggregate_line_splits_into_busy_idle_and_steal()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice; guest time is already inside user and nice.
        var cpu = HostCpu.Parse("cpu  5269804 56010 513382 2511956 37743 0 81576 57530 900 0");
        Assert.Equal(new HostCpu(Busy: 5269804 + 56010 + 513382 + 0 + 81576, Idle: 2511956 + 37743, Steal: 57530), cpu);
    }

    [Fact]
    public void A_kernel_without_a_steal_field_reports_none()
    {
        var cpu = HostCpu.Parse("cpu 10 0 5 100 0 0 1");
        Assert.Equal(new HostCpu(Busy: 16, Idle: 100, Steal: 0), cpu);
    }

    [Theory]
    [InlineData("cpu0 5 0 5 100 0 0 0 3")]
    [InlineData("intr 12345 0 0 0 0 0 0 0")]
    [InlineData("cpu 5 0 x 100 0 0 0 3")]
    [InlineData("")]
    public void Any_other_line_is_not_read(string line) => Assert.Null(HostCpu.Parse(line));

    [Fact]
    public void Steal_share_is_stolen_ticks_over_all_ticks_between_two_readings()
    {
        var before = new HostCpu(Busy: 1_000, Idle: 3_000, Steal: 100);
        // 400 ticks passed: 150 busy, 150 idle, 100 stolen.
        var after = new HostCpu(Busy: 1_150, Idle: 3_150, Steal: 200);
        Assert.Equal(0.25, HostCpu.StealShare(before, after)!.Value, 10);
        Assert.Null(HostCpu.StealShare(before, before));
        Assert.Null(HostCpu.StealShare(null, after));
    }

    [Fact]
    public void This_machine_reports_its_counters_growing()
    {
        var first = HostCpu.Read();
        Assert.NotNull(first);
        var until = DateTime.UtcNow.AddSeconds(5);
        HostCpu? later;
        do
        {
            Thread.SpinWait(1_000_000);
            later = HostCpu.Read();
        }
        while (later!.Value.Total <= first!.Value.Total && DateTime.UtcNow < until);
        Assert.True(later.Value.Total > first.Value.Total, "the machine's CPU counters did not advance in 5 s");
        Assert.InRange(HostCpu.StealShare(first, later)!.Value, 0, 1);
    }
}
