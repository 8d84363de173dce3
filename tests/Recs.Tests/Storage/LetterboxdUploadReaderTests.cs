using System.IO.Compression;
using System.Text;
using Recs.Storage.Import;
using Xunit.Abstractions;

namespace Recs.Tests.Storage;

/// <summary>Uploads are parsed as they arrive or inflate, within their caps, and cost memory in proportion to what they hold.</summary>
public sealed class LetterboxdUploadReaderTests(ITestOutputHelper output)
{
    private const long MiB = 1024 * 1024;
    private const string Header = "Date,Name,Year,Letterboxd URI,Rating\n";

    [Fact]
    public async Task A_csv_body_is_parsed_from_a_stream_that_cannot_seek()
    {
        byte[] csv = Encoding.UTF8.GetBytes(Header + Rows(500));
        var upload = await LetterboxdUploadReader.ReadAsync(new OneWayStream(csv), declaredZip: false, 5 * MiB, 20 * MiB, CancellationToken.None);
        Assert.Equal((500, 0L, false), (upload.Ratings.Rows.Count, upload.Ratings.Malformed.Count, upload.HasLists));
        Assert.Equal(("Film number 499", 501L), (upload.Ratings.Rows[^1].Name, upload.Ratings.Rows[^1].Line));
    }

    [Fact]
    public async Task A_zip_is_recognised_by_its_first_bytes_whatever_its_declared_type()
    {
        byte[] zip = Zip(("ratings.csv", Header + Rows(3)), ("watched.csv", "Date,Name,Year,Letterboxd URI\n2024-01-01,Seen,2000,https://boxd.it/s\n"));
        var upload = await LetterboxdUploadReader.ReadAsync(new OneWayStream(zip), declaredZip: false, 5 * MiB, 20 * MiB, CancellationToken.None);
        Assert.Equal((3, 1, true), (upload.Ratings.Rows.Count, upload.Watched.Count, upload.HasLists));
    }

    [Fact]
    public async Task A_body_over_its_cap_is_refused_as_too_large()
    {
        byte[] csv = Encoding.UTF8.GetBytes(Header + Rows(5000));
        var error = await Assert.ThrowsAsync<ImportTooLargeException>(() =>
            LetterboxdUploadReader.ReadAsync(new OneWayStream(csv), declaredZip: false, 64 * 1024, 20 * MiB, CancellationToken.None));
        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_inflating_past_the_cap_together_are_refused_naming_the_cap()
    {
        string ratings = Header + Rows(15_000);
        string watched = "Date,Name,Year,Letterboxd URI\n" + new string('\n', 300 * 1024);
        Assert.True(Encoding.UTF8.GetByteCount(ratings) < MiB, "the ratings alone should fit the cap");
        Assert.Equal(15_000, LetterboxdUploadReader.ReadZip(new MemoryStream(Zip(("ratings.csv", ratings))), MiB).Ratings.Rows.Count);

        var error = Assert.Throws<ImportTooLargeException>(() =>
            LetterboxdUploadReader.ReadZip(new MemoryStream(Zip(("ratings.csv", ratings), ("watched.csv", watched))), MiB));
        Assert.Equal("the zip inflates to more than 1 MB; a Letterboxd export is far smaller", error.Message);
    }

    [Fact]
    public void A_gzipped_entry_is_refused_rather_than_inflated()
    {
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(Header + Rows(3)));
        using var archive = new MemoryStream();
        using (var zip = new ZipArchive(archive, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("ratings.csv").Open();
            entry.Write(gzipped.ToArray());
        }
        archive.Position = 0;
        var error = Assert.Throws<ImportFormatException>(() => LetterboxdUploadReader.ReadZip(archive, 20 * MiB));
        Assert.Equal("ratings.csv is gzip-compressed; upload the plain CSV or the export zip", error.Message);
    }

    [Fact]
    public void A_zip_inflating_to_just_under_the_cap_costs_a_few_times_its_inflated_size()
    {
        // About 20 MB of rows repeating every 500 (inside deflate's 32 KB window) compress to about 150 KB.
        var text = new StringBuilder(Header);
        for (int i = 0; text.Length < 20 * MiB - 64 * 1024; i++)
        {
            int k = i % 500;
            text.Append("2024-").Append((1 + k % 12).ToString("D2", null)).Append('-').Append((1 + k % 28).ToString("D2", null))
                .Append(",Film number ").Append(k).Append(',').Append(1950 + k % 70).Append(",https://boxd.it/a").Append(k.ToString("x", null))
                .Append(',').Append(((1 + k * 7 % 10) / 2.0).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }
        long inflated = Encoding.UTF8.GetByteCount(text.ToString());
        byte[] zip = Zip(CompressionLevel.SmallestSize, ("ratings.csv", text.ToString()));
        text.Clear();

        GC.Collect();
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var upload = LetterboxdUploadReader.ReadZip(new MemoryStream(zip), 20 * MiB);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        long retained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        GC.KeepAlive(upload);

        output.WriteLine($"zip {zip.Length} B inflating to {inflated} B: {upload.Ratings.Rows.Count} rows, {allocated} B allocated ({(double)allocated / inflated:F1}x), {retained} B retained by the parsed rows ({(double)retained / inflated:F1}x)");
        Assert.Equal(0, upload.Ratings.Malformed.Count);
        // The parsed rows take about 3.5x (each row object with its name and address strings); parsing allocates about
        // 3.7x in all, little beyond the rows, since the other fields are read from the CSV reader's buffer. A string
        // for every field and a Uri per row took 9x; inflating each entry into a byte array first, as uploads once
        // did, 12x.
        Assert.True(retained < 4.5 * inflated, $"the parsed upload holds {retained} B for {inflated} B of CSV");
        Assert.True(allocated < 5 * inflated, $"parsing allocated {allocated} B for {inflated} B of CSV");
    }

    private static string Rows(int count)
    {
        var rows = new StringBuilder();
        for (int i = 0; i < count; i++)
            rows.Append("2024-03-01,Film number ").Append(i).Append(",2001,https://boxd.it/f").Append(i).Append(",3.5\n");
        return rows.ToString();
    }

    private static byte[] Zip(params (string Name, string Text)[] entries) => Zip(CompressionLevel.Fastest, entries);

    private static byte[] Zip(CompressionLevel level, params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var stream = zip.CreateEntry(name, level).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return buffer.ToArray();
    }
}
