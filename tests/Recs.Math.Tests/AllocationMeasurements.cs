namespace Recs.Math.Tests;

/// <summary>
/// Tests that count what the calling thread allocates run alone: while another test's product holds the shared core
/// team a caller waits, and a thread's first waits allocate the runtime's wait objects (about 1.3 KB seen), which
/// would be charged to the product being measured.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurements
{
    public const string Name = "allocation measurements";
}
