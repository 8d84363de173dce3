using System.Security.Cryptography;
using System.Text;
using Recs.Engine.Catalog;
using Recs.Engine.Storage;

namespace Recs.Tests.Storage;

/// <summary>
/// One person's upload as every store must write it: authorised in the transaction, written whole or not at all,
/// numbered by the change sequence in commit order, and read back complete — also under concurrent writers.
/// </summary>
public abstract class PersonWriteContract : StoreTestBase
{
    private static readonly Film[] Films = [.. Enumerable.Range(0, 60).Select(i => new Film($"film-{i:D2}", $"Film {i}", 2000 + i % 20, ["Drama"], "movie", null, null))];

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static PersonWrite Write(string user, IEnumerable<int> films, float stars = 4, string? token = null,
        WriteAuthority authority = WriteAuthority.Person, string newToken = "new-token", IReadOnlyList<string>? exclusions = null) =>
        new(user, [.. films.Select(f => new RatingRecord(user, Films[f].Slug, stars, null))], exclusions, authority,
            token is null ? null : Hash(token), Hash(newToken));

    private async Task<IRatingStore> SeededAsync()
    {
        var store = await StoreAsync();
        await store.UpsertFilmsAsync(Films);
        return store;
    }

    [SkippableFact]
    public async Task Every_write_advances_the_change_sequence_and_a_refusal_does_not()
    {
        var store = await SeededAsync();
        long start = await store.GetChangeSequenceAsync();
        await store.UpsertRatingsAsync([new RatingRecord("imported", Films[0].Slug, 3, null)]);
        long afterImport = await store.GetChangeSequenceAsync();
        Assert.True(afterImport > start, $"an import must advance the sequence ({start} → {afterImport})");

        var created = await store.WritePersonAsync(Write("ann", [1, 2]));
        Assert.Equal(WriteOutcome.Created, created.Outcome);
        Assert.Equal(await store.GetChangeSequenceAsync(), created.Sequence);
        Assert.True(created.Sequence > afterImport);

        // Re-rating one film changes no count, but it is a change: the sequence must move.
        var rerated = await store.WritePersonAsync(Write("ann", [1], stars: 1, token: "new-token"));
        Assert.Equal(WriteOutcome.Updated, rerated.Outcome);
        Assert.True(rerated.Sequence > created.Sequence);

        var refused = await store.WritePersonAsync(Write("ann", [3]));
        Assert.Equal(WriteOutcome.TokenRequired, refused.Outcome);
        Assert.Equal(rerated.Sequence, await store.GetChangeSequenceAsync());
        Assert.Equal(0, await store.UpsertRatingsAsync([]));
        Assert.Equal(rerated.Sequence, await store.GetChangeSequenceAsync());
    }

    [SkippableFact]
    public async Task People_created_after_an_import_of_new_users_get_ids_of_their_own()
    {
        // A bulk write numbers its new users itself (PostgreSQL: from the identity sequence, then moved past them); a
        // person created afterwards, by an upload or by the next import, must not be given one of those ids.
        var store = await SeededAsync();
        await store.UpsertRatingsAsync([.. Enumerable.Range(0, 40).Select(i => new RatingRecord($"imported{i}", Films[i].Slug, 3, null))]);
        Assert.Equal(WriteOutcome.Created, (await store.WritePersonAsync(Write("ann", [1, 2]))).Outcome);
        await store.UpsertRatingsAsync([.. Enumerable.Range(0, 5).Select(i => new RatingRecord($"later{i}", Films[50 + i].Slug, 2, null))]);
        Assert.Equal(WriteOutcome.Created, (await store.WritePersonAsync(Write("ben", [3]))).Outcome);

        Assert.Equal(new StoreCounts(47, Films.Length, 48), await store.CountAsync());
        var ann = await store.ReadPersonAsync("ann");
        Assert.NotNull(ann);
        Assert.Equal([Films[1].Slug, Films[2].Slug], ann.RatedSlugs.Order(StringComparer.Ordinal));
        var later = (await ReadAllAsync(store)).Where(r => r.Username.StartsWith("later", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, later.Count);
    }

    [SkippableFact]
    public async Task A_person_read_on_their_own_is_what_their_last_write_read_back_at_a_sequence_that_covers_it()
    {
        var store = await SeededAsync();
        Assert.Null(await store.ReadPersonAsync("nobody"));
        var first = await store.WritePersonAsync(Write("bea", [4, 1, 7], stars: 3.5f, exclusions: [Films[9].Slug, Films[8].Slug]));
        var second = await store.WritePersonAsync(Write("bea", [2], stars: 5, token: "new-token"));
        await store.UpsertRatingsAsync([new RatingRecord("someone-else", Films[0].Slug, 3, null)]);

        var read = await store.ReadPersonAsync("bea");
        Assert.NotNull(read);
        Assert.Equal(second.RatedSlugs, read.RatedSlugs);
        Assert.Equal(second.Stars, read.Stars);
        Assert.Equal(second.ExcludedSlugs, read.ExcludedSlugs);
        Assert.Equal([Films[1].Slug, Films[2].Slug, Films[4].Slug, Films[7].Slug], read.RatedSlugs);
        Assert.Equal([Films[8].Slug, Films[9].Slug], read.ExcludedSlugs);
        // The sequence is the store's at the read: it covers both writes and the import after them.
        Assert.True(first.Sequence < second.Sequence);
        Assert.Equal(await store.GetChangeSequenceAsync(), read.Sequence);
    }

    [SkippableFact]
    public async Task Only_the_token_holder_or_the_api_key_may_write_a_person_and_refusals_write_nothing()
    {
        var store = await SeededAsync();
        await store.UpsertRatingsAsync([new RatingRecord("imported", Films[0].Slug, 3, null)]);
        Assert.Equal(WriteOutcome.Created, (await store.WritePersonAsync(Write("bea", [1], newToken: "bea-token"))).Outcome);

        Assert.Equal(WriteOutcome.TokenRequired, (await store.WritePersonAsync(Write("bea", [2]))).Outcome);
        Assert.Equal(WriteOutcome.TokenRejected, (await store.WritePersonAsync(Write("bea", [3], token: "guess"))).Outcome);
        Assert.Equal(WriteOutcome.ApiKeyRequired, (await store.WritePersonAsync(Write("imported", [4], token: "bea-token"))).Outcome);
        var ratings = await ReadAllAsync(store);
        Assert.Equal(["film-01"], ratings.Where(r => r.Username == "bea").Select(r => r.FilmSlug));
        Assert.Equal(["film-00"], ratings.Where(r => r.Username == "imported").Select(r => r.FilmSlug));

        var own = await store.WritePersonAsync(Write("bea", [5], token: "bea-token"));
        Assert.Equal(WriteOutcome.Updated, own.Outcome);
        Assert.Equal(["film-01", "film-05"], own.RatedSlugs);
        var byKey = await store.WritePersonAsync(Write("imported", [6], authority: WriteAuthority.ApiKey));
        Assert.Equal(WriteOutcome.Updated, byKey.Outcome);
        Assert.Equal(["film-00", "film-06"], byKey.RatedSlugs);
    }

    [SkippableFact]
    public async Task A_write_returns_the_whole_person_and_replaces_exclusions_only_when_given()
    {
        var store = await SeededAsync();
        var first = await store.WritePersonAsync(Write("cat", [3, 1], exclusions: [Films[10].Slug, Films[11].Slug, "not-a-film"]));
        Assert.Equal(["film-01", "film-03"], first.RatedSlugs);
        Assert.Equal([4f, 4f], first.Stars);
        Assert.Equal(["film-10", "film-11"], first.ExcludedSlugs);

        var second = await store.WritePersonAsync(Write("cat", [1, 7], stars: 2.5f, token: "new-token"));
        Assert.Equal(["film-01", "film-03", "film-07"], second.RatedSlugs);
        Assert.Equal([2.5f, 4f, 2.5f], second.Stars);
        Assert.Equal(["film-10", "film-11"], second.ExcludedSlugs);

        var third = await store.WritePersonAsync(Write("cat", [], token: "new-token", exclusions: [Films[12].Slug]));
        Assert.Equal(["film-12"], third.ExcludedSlugs);
        var stored = new List<ExclusionRecord>();
        await foreach (var e in store.ReadAllExclusionsAsync())
            stored.Add(e);
        Assert.Equal([new ExclusionRecord("cat", "film-12")], stored);
    }

    [SkippableFact]
    public async Task An_unknown_film_writes_nothing_at_all()
    {
        var store = await SeededAsync();
        long before = await store.GetChangeSequenceAsync();
        var write = Write("dan", [1]) with { Ratings = [new RatingRecord("dan", Films[1].Slug, 4, null), new RatingRecord("dan", "no-such-film", 4, null)] };
        Assert.Equal("no-such-film", (await Assert.ThrowsAsync<UnknownFilmException>(() => store.WritePersonAsync(write))).Slug);
        Assert.DoesNotContain(await ReadAllAsync(store), r => r.Username == "dan");
        Assert.Equal(before, await store.GetChangeSequenceAsync());
        // The person was not created either: the next write creates them and gets the token.
        Assert.Equal(WriteOutcome.Created, (await store.WritePersonAsync(Write("dan", [1]))).Outcome);
    }

    [SkippableFact]
    public async Task Concurrent_writes_of_one_person_lose_nothing_and_the_highest_sequence_holds_them_all()
    {
        var store = await SeededAsync();
        const int writers = 20;
        var results = await Task.WhenAll(Enumerable.Range(0, writers).Select(i =>
            Task.Run(() => store.WritePersonAsync(Write("eve", [2 * i, 2 * i + 1], authority: WriteAuthority.ApiKey)))));

        Assert.Single(results, r => r.Outcome == WriteOutcome.Created);
        Assert.Equal(writers, results.Select(r => r.Sequence).Distinct().Count());
        var last = results.MaxBy(r => r.Sequence)!;
        Assert.Equal(2 * writers, last.RatedSlugs.Count);
        // Each read-back holds its own films and every write committed before it.
        foreach (var r in results)
        {
            int before = results.Count(o => o.Sequence < r.Sequence);
            Assert.Equal(2 * (before + 1), r.RatedSlugs.Count);
        }
        Assert.Equal(2 * writers, (await ReadAllAsync(store)).Count(r => r.Username == "eve"));
    }

    [SkippableFact]
    public async Task Concurrent_first_writes_of_one_username_create_it_once()
    {
        var store = await SeededAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => store.WritePersonAsync(Write("fay", [i], newToken: $"token-{i}")))));
        var created = Assert.Single(results, r => r.Outcome == WriteOutcome.Created);
        Assert.All(results.Where(r => r != created), r => Assert.Equal(WriteOutcome.TokenRequired, r.Outcome));
        Assert.Single(await ReadAllAsync(store), r => r.Username == "fay");
    }
}
