using Microsoft.Extensions.Options;
using Recs.Aot.Hosting;
using Recs.Aot.Recommendations;
using Recs.Engine.Catalog;
using Recs.Engine.Data;

namespace Recs.Tests.Recommendations;

/// <summary>The upload overlay: the newest write of a person wins, it serves only while newer than the data, and it is bounded.</summary>
public sealed class UploadedUsersTests
{
    private static UploadedUsers Overlay(int capacity) => new(Options.Create(new RecsOptions { MaxPendingUploads = capacity }));

    private static UploadedUser Person(string name, long sequence, params string[] films) =>
        new(name, films, [.. films.Select(_ => 4f)], [], sequence);

    private static RatingsDataset DataAt(long sequence)
    {
        var builder = new RatingsDatasetBuilder { Sequence = sequence };
        foreach (string slug in new[] { "a", "b", "c" })
            builder.AddFilm(new Film(slug, slug.ToUpperInvariant(), 2000, ["Drama"], "movie", null, null));
        builder.AddRating(new RatingRecord("someone", "a", 3, null));
        return builder.Build();
    }

    [Fact]
    public void A_write_recorded_late_never_replaces_a_later_one()
    {
        var overlay = Overlay(10);
        overlay.Record(Person("ann", 7, "a", "b"));
        overlay.Record(Person("ann", 5, "a"));
        var user = overlay.Find("ann");
        Assert.True(user!.IsNewerThan(DataAt(1)));
        Assert.Equal(7, user.Sequence);
        Assert.Equal(["a", "b"], user.RatedSlugs);
    }

    [Fact]
    public void An_entry_serves_only_while_newer_than_the_data_and_is_dropped_once_absorbed()
    {
        var overlay = Overlay(10);
        overlay.Record(Person("ann", 7, "a"));
        overlay.Record(Person("bob", 9, "b"));
        Assert.True(overlay.Find("ann")!.IsNewerThan(DataAt(6)));
        Assert.False(overlay.Find("ann")!.IsNewerThan(DataAt(7)));
        Assert.Equal(1, overlay.DropAbsorbed(DataAt(8)));
        Assert.Equal(1, overlay.Count);
        Assert.True(overlay.Find("bob")!.IsNewerThan(DataAt(8)));
        Assert.Null(overlay.Find("ann"));
    }

    [Fact]
    public void The_overlay_asks_for_a_reload_half_way_and_reports_full_at_capacity()
    {
        var overlay = Overlay(4);
        overlay.Record(Person("p1", 1, "a"));
        Assert.False(overlay.WantsReload);
        overlay.Record(Person("p2", 2, "a"));
        Assert.True(overlay.WantsReload);
        Assert.False(overlay.IsFull);
        overlay.Record(Person("p3", 3, "a"));
        overlay.Record(Person("p4", 4, "a"));
        Assert.True(overlay.IsFull);
        overlay.DropAbsorbed(DataAt(4));
        Assert.False(overlay.WantsReload);
    }

    [Fact]
    public void Resolved_ratings_follow_the_catalogue_of_the_data_asked_about()
    {
        var user = Person("ann", 3, "c", "a", "gone");
        var data = DataAt(1);
        var resolved = user.For(data);
        Assert.Equal([data.FilmIndex["a"], data.FilmIndex["c"]], resolved.Films);
        Assert.Same(resolved, user.For(data));
        Assert.NotSame(resolved, user.For(DataAt(2)));
    }

    [Fact]
    public void A_pending_upload_does_not_keep_the_data_set_it_was_resolved_against_alive()
    {
        // Uploads live in the overlay until a reload absorbs them, across the swap of the data they were first
        // resolved against; holding that data set kept a replaced copy of the whole store in memory.
        var user = Person("ann", 3, "a", "c");
        var replaced = ResolveAgainstDataDroppedAfterwards(user);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(replaced.TryGetTarget(out _), "the upload's resolved ratings still reference a data set nothing else holds");
        var data = DataAt(2);
        var resolved = user.For(data);
        Assert.True(resolved.IsOf(data));
        Assert.Same(resolved, user.For(data));
        GC.KeepAlive(user);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference<RatingsDataset> ResolveAgainstDataDroppedAfterwards(UploadedUser user)
    {
        var data = DataAt(1);
        Assert.Equal(2, user.For(data).Films.Length);
        return new WeakReference<RatingsDataset>(data);
    }
}
