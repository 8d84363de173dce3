namespace Recs.Aot.Hosting;

/// <summary>One mapping of the executable as /proc/self/smaps lists it: its range, permissions and resident pages.</summary>
internal readonly record struct ImageMapping(nint Start, nuint Length, bool Writable, bool Private, long ResidentBytes, long CopiedBytes)
{
    /// <summary>
    /// True when dropping its pages can lose nothing: private, not writable, and no page copied from the file (a
    /// relocated page that was made read-only afterwards is a copy, and dropping it would bring back the file's bytes).
    /// </summary>
    public bool Qualifies => Private && !Writable && CopiedBytes == 0 && ResidentBytes > 0;
}
