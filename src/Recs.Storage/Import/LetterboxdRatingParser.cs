using System.Collections.Frozen;
using Recs.Engine.Catalog;

namespace Recs.Storage.Import;

/// <summary>
/// Turns records of the data set's ratings file into ratings, reading the fields as spans: a film or user seen before
/// is found without allocating, and every rating of a film or user shares one string.
/// </summary>
internal sealed class LetterboxdRatingParser
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _films;
    private readonly Dictionary<string, string> _usersByField = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _userLookup;
    private readonly HashSet<string> _users;

    // The data set lists each user's ratings together: a user_id equal to the previous row's reuses its checked,
    // lower-cased name (the same string, which the stores then recognise at once) without a lookup.
    private string? _lastField;
    private string? _lastUser;
    private string? _lastCounted;

    /// <param name="films">The known slugs, compared ordinally.</param>
    /// <param name="users">Receives the lower-cased name of every user with a rating parsed.</param>
    public LetterboxdRatingParser(CsvHeader cols, FrozenSet<string> films, HashSet<string> users)
    {
        Columns = cols;
        _films = films.GetAlternateLookup<ReadOnlySpan<char>>();
        _userLookup = _usersByField.GetAlternateLookup<ReadOnlySpan<char>>();
        _users = users;
    }

    /// <summary>The header the records are read against: user_id, movie_id, rating_val.</summary>
    public CsvHeader Columns { get; }

    /// <summary>Parses the current record of <paramref name="csv"/>, already checked for width; returns why it is malformed, or null.</summary>
    public string? TryParse(CsvReader csv, out RatingRecord rating)
    {
        rating = default;
        var userField = csv.Field(Columns[0]);
        string? userError = null;
        string? user = _lastField is not null && userField.SequenceEqual(_lastField) ? _lastUser : User(userField, out userError);
        if (user is null)
            return $"user_id '{userField}': {userError}";
        var slugField = csv.Field(Columns[1]).Trim();
        if (!_films.TryGetValue(slugField, out string? slug))
            return $"unknown film '{slugField}' (not in {LetterboxdDatasetLayout.MoviesFile})";
        var starsField = csv.Field(Columns[2]);
        if (!Fields.TryInt(starsField, out int half) || StarRating.FromHalfStars(half) is not { } stars)
            return $"rating_val '{starsField}' is not 1–10";
        if (!ReferenceEquals(user, _lastCounted))
        {
            _users.Add(user);
            _lastCounted = user;
        }
        rating = new RatingRecord(user, slug, stars, null);
        return null;
    }

    // The user named by a field that differs from the previous row's, remembered with its checked name; a name that
    // breaks the rule is not remembered (such rows are few, and each is reported).
    private string? User(ReadOnlySpan<char> field, out string? error)
    {
        error = null;
        if (!_userLookup.TryGetValue(field, out string? key, out string? user))
        {
            if (!Username.TryNormalize(field.Trim().ToString(), out user, out error))
                return null;
            key = field.ToString();
            _usersByField.Add(key, user);
        }
        (_lastField, _lastUser) = (key, user);
        return user;
    }
}
