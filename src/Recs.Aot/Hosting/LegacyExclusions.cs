using Recs.Aot.Http.Access;
using Recs.Engine.Storage;

namespace Recs.Aot.Hosting;

/// <summary>
/// Stores written by earlier versions kept each uploader's watched/watchlist exclusions as meta values
/// (<c>excluded_users</c> listing the people, <c>excluded:{username}</c> their film slugs, one per line). Once, at
/// start, they are moved into the exclusions table, so an upgrade does not bring watched films back into anyone's
/// list; the list is then emptied. A person the store did not know yet is created with an unknowable token (only the
/// API key can write them, as for any person from before write tokens existed).
/// </summary>
internal static class LegacyExclusions
{
    public const string PeopleKey = "excluded_users";

    public static string FilmsKey(string username) => "excluded:" + username;

    /// <summary>Moves every legacy entry; returns how many people were moved. A person whose entry cannot be written is logged and skipped.</summary>
    public static async Task<int> MigrateAsync(IRatingStore store, ILogger log, CancellationToken ct)
    {
        string people = await store.GetMetaAsync(PeopleKey, ct) ?? "";
        int moved = 0;
        foreach (string username in people.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string films = await store.GetMetaAsync(FilmsKey(username), ct) ?? "";
            var slugs = films.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            try
            {
                await store.WritePersonAsync(new PersonWrite(username, [], slugs, WriteAuthority.ApiKey, null,
                    WriteToken.Create().Hash), ct);
                await store.SetMetaAsync(FilmsKey(username), "", ct);
                moved++;
            }
            catch (ArgumentException e)
            {
                log.LogWarning("store: the stored exclusions of '{User}' cannot be moved and are left as they were: {Error}", username, e.Message);
            }
        }
        if (people.Length > 0)
        {
            await store.SetMetaAsync(PeopleKey, "", ct);
            log.LogInformation("store: moved the watched/watchlist exclusions of {People} people into the exclusions table", moved);
        }
        return moved;
    }
}
