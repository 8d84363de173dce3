using System.Collections.Frozen;
using Recs.Engine.Catalog;
using Recs.Engine.Storage;

namespace Recs.Storage;

/// <summary>
/// Checks ratings and resolves their film slugs and usernames to the store's ids for one bulk write, numbering users the
/// store does not hold yet in order of first appearance (see <see cref="ResolvedRating"/>). It touches no connection,
/// so a bulk write may run it on its reading thread rather than the one that writes: SQLite's writing thread is bound
/// by its inserts, and at ten million rows the look-ups and checks were about a third of that thread's time.
/// </summary>
internal sealed class RatingIdResolver
{
    private readonly FrozenDictionary<string, long> _filmIds;
    private readonly Dictionary<string, long> _userIds;
    private long _newUsers;

    // The previous row's username as given and its id: data sets list each user's ratings together, so most rows skip
    // the username's normalisation and lookup (the parsers hand every row of a user the same string).
    private string? _lastName;
    private long _lastUser;

    /// <param name="filmIds">Ids of the films the store holds, by slug.</param>
    /// <param name="userIds">Ids of the users the store holds, by canonical name; the resolver adds the new users to it, with their negative keys.</param>
    public RatingIdResolver(FrozenDictionary<string, long> filmIds, Dictionary<string, long> userIds)
    {
        _filmIds = filmIds;
        _userIds = userIds;
    }

    /// <summary>
    /// Resolves every rating, lazily and in order. Throws <see cref="ArgumentException"/> for an invalid rating or
    /// username and <see cref="UnknownFilmException"/> for a slug not in the catalogue, as the rows are enumerated.
    /// </summary>
    public IEnumerable<ResolvedRating> Resolve(IEnumerable<RatingRecord> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        foreach (var rating in ratings)
        {
            RatingRules.ValidateRating(rating);
            if (!_filmIds.TryGetValue(rating.FilmSlug, out long film))
                throw new UnknownFilmException(rating.FilmSlug, nameof(ratings));
            string? newUser = null;
            if (!string.Equals(rating.Username, _lastName, StringComparison.Ordinal))
            {
                string username = RatingRules.ValidateUsername(rating);
                if (!_userIds.TryGetValue(username, out _lastUser))
                {
                    _lastUser = -++_newUsers;
                    _userIds.Add(username, _lastUser);
                    newUser = username;
                }
                _lastName = rating.Username;
            }
            yield return new ResolvedRating(_lastUser, film, RatingRules.SnapStars(rating.Stars), rating.RatedOn, newUser);
        }
    }
}
