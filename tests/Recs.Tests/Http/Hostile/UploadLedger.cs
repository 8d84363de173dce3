using System.Collections.Concurrent;
using System.Text.Json;
using Recs.Engine.Catalog;

namespace Recs.Tests.Http.Hostile;

/// <summary>
/// Tracks what the store must hold: the imported ratings plus exactly the uploads answered 2xx. Judges each upload's
/// answer against the contract (who may write whom, what must be accepted or refused, what total_ratings must say)
/// and at the end compares the store with the expectation.
/// </summary>
internal sealed class UploadLedger
{
    /// <summary>The header sent as "the person's own token" when their token is not known: a well-formed token of nobody.</summary>
    public const string UnknownToken = "Bearer rw_0000000000000000000000000000000000000000000";

    private readonly ConcurrentDictionary<string, PersonExpectation> _people = new(StringComparer.Ordinal);
    private readonly HashSet<string> _catalogue;

    public UploadLedger(IEnumerable<RatingRecord> imported, IEnumerable<string> catalogue)
    {
        foreach (var person in imported.GroupBy(r => r.Username))
            _people[person.Key] = new PersonExpectation(person.Key, imported: true, person.ToDictionary(r => r.FilmSlug, r => r.Stars, StringComparer.Ordinal));
        _catalogue = catalogue.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>People with at least one upload answered 2xx.</summary>
    public IEnumerable<PersonExpectation> Accepted => _people.Values.Where(p => p.Accepted > 0);

    public PersonExpectation For(string username) =>
        _people.GetOrAdd(username, u => new PersonExpectation(u, imported: false, new Dictionary<string, float>(StringComparer.Ordinal)));

    /// <summary>The Authorization header an upload by <paramref name="caller"/> carries for <paramref name="person"/>, given the generated one.</summary>
    public static string? Header(Caller caller, string? generated, PersonExpectation? person) =>
        caller == Caller.OwnToken ? (person?.Token is { } token ? $"Bearer {token}" : UnknownToken) : generated;

    /// <summary>Judges the answer to an upload (sent while holding the person's gate) and records its effect.</summary>
    public IEnumerable<(string Rule, string Detail)> Judge(Exchange exchange)
    {
        var intent = exchange.Request.Upload!;
        bool accepted = exchange.Status is >= 200 and < 300;
        if (intent.User is null)
            return accepted ? [("upload for an invalid username accepted", exchange.Describe())] : [];
        var person = For(intent.User);
        var caller = intent.Caller == Caller.OwnToken && person.Token is null ? Caller.WrongToken : intent.Caller;
        bool ownToken = caller == Caller.OwnToken;
        // May write: the API key (or a spelling of it the service may take), the person's own token, anyone for a newcomer.
        bool mayWrite = caller is Caller.ApiKey or Caller.ApiKeyVariant || ownToken || !person.Exists;
        bool mustBeLetIn = caller == Caller.ApiKey || ownToken || (!person.Exists && caller == Caller.None);

        if (exchange.Status is >= 400 and < 500)
        {
            return intent.Outcome == UploadOutcome.MustStore && mustBeLetIn
                ? [("valid upload refused", $"{exchange.Describe()}\n      (person {(person.Exists ? "exists" : "is new")}, caller {caller})")]
                : [];
        }
        if (!accepted)
            return [];

        var problems = new List<(string, string)>();
        person.Accepted++;
        if (intent.Outcome == UploadOutcome.Refused)
            problems.Add(("invalid upload accepted", exchange.Describe()));
        // Someone with ratings is known and merged into; someone never written is new.
        bool? knownBefore = !person.Exact ? null : person.Ratings.Count > 0 ? true : !person.Exists ? false : null;
        int? total = null, stored = null;
        bool? newUser = null;
        string? token = null;
        try
        {
            using var doc = JsonDocument.Parse(exchange.Body);
            total = doc.RootElement.GetProperty("total_ratings").GetInt32();
            stored = doc.RootElement.GetProperty("ratings_stored").GetInt32();
            newUser = doc.RootElement.GetProperty("new_user").GetBoolean();
            if (doc.RootElement.TryGetProperty("write_token", out var t) && t.ValueKind == JsonValueKind.String)
                token = t.GetString();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            problems.Add(("accepted upload's answer unreadable", $"{exchange.Describe()}\n      ({e.Message})"));
        }
        if (knownBefore is bool known && newUser == known)
            problems.Add(("new_user says the opposite of whether the person was known", $"{exchange.Describe()}\n      ('{person.Username}' {(known ? $"had {person.Ratings.Count} ratings" : "was never written")})"));
        // A zip always writes (its lists replace the person's exclusions); a bare CSV writes when it stored a rating.
        bool wrote = intent.Upload.IsZip || stored > 0;
        if (wrote && !mayWrite)
            problems.Add(("upload accepted from a caller who may not write this person", $"{exchange.Describe()}\n      ({(person.Imported ? "imported" : "existing")} person '{person.Username}', caller {caller})"));

        if (person.Exact && intent.Outcome is UploadOutcome.MustStore or UploadOutcome.MayStore && total is not null)
        {
            foreach (var (slug, stars) in intent.Upload.Ratings)
                person.Ratings[slug] = stars;
            // A wrong total is reported, not believed: the store is compared with the expectation at the end.
            if (total != person.Ratings.Count)
                problems.Add(("total_ratings is not the person's rating count after the upload", $"{exchange.Describe()}\n      (total_ratings {total}, the person has {person.Ratings.Count})"));
        }
        else
        {
            person.Exact = false;
        }
        // Only a write changes the count; what an answer that wrote nothing says about it is not believed.
        if (wrote)
            person.LastTotal = total ?? person.LastTotal;

        if (token is not null)
        {
            if (person.Exists)
                problems.Add(("write token issued for a person who exists", $"{exchange.Describe()}\n      (person '{person.Username}')"));
            person.Token = token;
            person.Exists = true;
        }
        else if (wrote && !person.Exists && intent.Outcome != UploadOutcome.Refused)
        {
            problems.Add(("first write of a person returned no write token", exchange.Describe()));
            person.Exists = true;
        }
        return problems;
    }

    /// <summary>An upload that got no answer may or may not have been stored: from now on only the person's count is checked.</summary>
    public void Unanswered(Exchange exchange)
    {
        bool refusedByClosing = exchange.Failure?.StartsWith("the connection", StringComparison.Ordinal) == true && exchange.Request.MayBeCutOff;
        if (exchange.Request.Upload?.User is { } user && exchange.Failure is not null && !refusedByClosing)
            For(user).Exact = false;
    }

    /// <summary>Compares the store (person → slug → stars) with the imported ratings plus every accepted upload.</summary>
    public IEnumerable<(string Rule, string Detail)> Compare(IReadOnlyDictionary<string, Dictionary<string, float>> stored)
    {
        foreach (string user in stored.Keys.Union(_people.Keys).Order(StringComparer.Ordinal))
        {
            var actual = stored.GetValueOrDefault(user) ?? new Dictionary<string, float>();
            _people.TryGetValue(user, out var person);
            foreach (var (slug, stars) in actual)
            {
                if (!_catalogue.Contains(slug))
                    yield return ("store holds a film outside the catalogue", $"'{user}' rated '{slug}'");
                if (!StarRating.IsValid(stars))
                    yield return ("store holds a rating outside 0.5–5 in half stars", $"'{user}' rated '{slug}' {stars}");
            }
            if (person is null || (person.Accepted == 0 && !person.Imported))
            {
                if (actual.Count > 0)
                    yield return ("store holds ratings for someone whose every upload was refused", $"'{user}': {Sample(actual.Keys)}");
                continue;
            }
            if (!person.Exact)
            {
                if (person.LastTotal is int total && total != actual.Count)
                    yield return ("store count differs from the last total_ratings", $"'{user}': the store holds {actual.Count}, the last accepted upload said {total}");
                continue;
            }
            var missing = person.Ratings.Keys.Where(s => !actual.ContainsKey(s)).ToList();
            var extra = actual.Keys.Where(s => !person.Ratings.ContainsKey(s)).ToList();
            var changed = person.Ratings.Where(r => actual.TryGetValue(r.Key, out float s) && System.Math.Abs(s - r.Value) > 1e-6f)
                .Select(r => $"{r.Key} {actual[r.Key]} (expected {r.Value})").ToList();
            if (missing.Count + extra.Count + changed.Count > 0)
            {
                yield return ("store differs from the imported data plus the accepted uploads",
                    $"'{user}' ({person.Accepted} accepted uploads): missing {Sample(missing)}; unexpected {Sample(extra)}; different stars {Sample(changed)}");
            }
        }
    }

    private static string Sample(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "none" : $"{list.Count} ({string.Join(", ", list.Take(5))}{(list.Count > 5 ? ", …" : "")})";
    }
}
