using Xunit.Abstractions;

namespace Recs.Tests.Storage;

public sealed class PostgresImportTests(ITestOutputHelper output) : ImportContract(output)
{
    protected override async Task<TemporaryStore> CreateTemporaryStoreAsync() => await TemporaryPostgresStore.CreateAsync();

    /// <summary>The performance check: the elapsed time is printed, not asserted.</summary>
    [SkippableFact]
    public Task Letterboxd_dataset_full_import_gives_the_published_counts() => ImportFullLetterboxdDatasetAsync();
}
