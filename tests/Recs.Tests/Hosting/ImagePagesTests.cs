using System.Runtime.InteropServices;
using Recs.Aot.Hosting;

namespace Recs.Tests.Hosting;

/// <summary>
/// ImagePages drops a file mapping's resident pages only where nothing can be lost. Checked on real mappings of a
/// temporary file in this process: a clean read-only private mapping leaves the resident set and reads back the same
/// bytes; a page written and then made read-only (what the loader does to relocated data) and a writable mapping stay.
/// </summary>
public sealed partial class ImagePagesTests : IDisposable
{
    private const int ProtRead = 0x1, ProtWrite = 0x2, MapPrivate = 0x02;
    private const int Pages = 64;
    private static readonly int PageSize = Environment.SystemPageSize;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"recs-image-pages-{Guid.NewGuid():N}.bin");
    private readonly byte[] _content = new byte[Pages * PageSize];

    public ImagePagesTests()
    {
        new Random(7).NextBytes(_content);
        File.WriteAllBytes(_path, _content);
    }

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void A_clean_read_only_mapping_leaves_the_resident_set_and_reads_back_unchanged()
    {
        if (!OperatingSystem.IsLinux())
            return;
        using var file = File.OpenHandle(_path);
        nint pages = Map(file, ProtRead);
        try
        {
            Touch(pages);
            Assert.Equal(_content.Length, ResidentBytes(pages));

            long released = ImagePages.Release(_path);

            Assert.True(released >= _content.Length, $"released {released} bytes, the mapping held {_content.Length}");
            Assert.True(ResidentBytes(pages) < PageSize * 2, $"{ResidentBytes(pages)} bytes of the mapping are still resident");
            Assert.True(Contents(pages).SequenceEqual(_content), "the mapping reads back different bytes after the release");
        }
        finally
        {
            _ = Munmap(pages, (nuint)_content.Length);
        }
    }

    [Fact]
    public void A_page_copied_before_it_was_made_read_only_and_a_writable_mapping_are_left_alone()
    {
        if (!OperatingSystem.IsLinux())
            return;
        using var file = File.OpenHandle(_path);
        nint relocated = Map(file, ProtRead | ProtWrite);
        nint writable = Map(file, ProtRead | ProtWrite);
        try
        {
            Touch(relocated);
            Touch(writable);
            Marshal.WriteByte(relocated, 3 * PageSize, (byte)~_content[3 * PageSize]);
            Marshal.WriteByte(writable, 5 * PageSize, (byte)~_content[5 * PageSize]);
            Assert.Equal(0, Mprotect(relocated, (nuint)_content.Length, ProtRead));

            ImagePages.Release(_path);

            Assert.Equal(_content.Length, ResidentBytes(relocated));
            Assert.Equal(_content.Length, ResidentBytes(writable));
            Assert.Equal((byte)~_content[3 * PageSize], Marshal.ReadByte(relocated, 3 * PageSize));
            Assert.Equal((byte)~_content[5 * PageSize], Marshal.ReadByte(writable, 5 * PageSize));
        }
        finally
        {
            _ = Munmap(relocated, (nuint)_content.Length);
            _ = Munmap(writable, (nuint)_content.Length);
        }
    }

    [Fact]
    public void Smaps_fields_are_read_for_the_named_file_only()
    {
        string[] smaps =
        [
            "7f00000000-7f00004000 r-xp 00000000 fd:01 11 /opt/recs/recs",
            "Size:                 16 kB",
            "Rss:                  12 kB",
            "Anonymous:             0 kB",
            "VmFlags: rd ex mr mw me",
            "7f00004000-7f00005000 r--p 00004000 fd:01 11 /opt/recs/recs",
            "Rss:                   4 kB",
            "Anonymous:             4 kB",
            "7f00005000-7f00006000 rw-p 00000000 00:00 0",
            "Rss:                   4 kB",
            "Anonymous:             4 kB",
            "7f00006000-7f00008000 r--p 00000000 fd:01 12 /opt/other/recs-helper",
            "Rss:                   8 kB",
            "Anonymous:             0 kB",
            "7f00008000-7f0000a000 r--s 00000000 fd:01 11 /opt/recs/recs",
            "Rss:                   8 kB",
            "Anonymous:             0 kB",
        ];

        var mappings = ImagePages.ReadMappings(smaps, "/opt/recs/recs").ToList();

        Assert.Equal(3, mappings.Count);
        Assert.Equal(0x7f00000000L, (long)mappings[0].Start);
        Assert.Equal((nuint)0x4000, mappings[0].Length);
        Assert.Equal(12 * 1024, mappings[0].ResidentBytes);
        Assert.True(mappings[0].Qualifies, "a clean read-only private code mapping should qualify");
        Assert.Equal(4 * 1024, mappings[1].CopiedBytes);
        Assert.False(mappings[1].Qualifies, "a mapping holding a copied page must not qualify");
        Assert.False(mappings[2].Qualifies, "a shared mapping must not qualify");
    }

    private nint Map(SafeHandle file, int protection)
    {
        nint pages = Mmap(0, (nuint)_content.Length, protection, MapPrivate, (int)file.DangerousGetHandle(), 0);
        Assert.NotEqual(-1, pages);
        return pages;
    }

    private void Touch(nint pages)
    {
        for (int offset = 0; offset < _content.Length; offset += PageSize)
            _ = Marshal.ReadByte(pages, offset);
    }

    private byte[] Contents(nint pages)
    {
        var copy = new byte[_content.Length];
        Marshal.Copy(pages, copy, 0, copy.Length);
        return copy;
    }

    // The resident bytes smaps reports for the mapping that starts at this address.
    private long ResidentBytes(nint start) =>
        ImagePages.ReadMappings(File.ReadLines("/proc/self/smaps"), _path).Single(m => m.Start == start).ResidentBytes;

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int descriptor, nint offset);

    [LibraryImport("libc", EntryPoint = "mprotect")]
    private static partial int Mprotect(nint address, nuint length, int protection);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(nint address, nuint length);
}
