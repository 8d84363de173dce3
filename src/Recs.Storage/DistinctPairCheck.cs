namespace Recs.Storage;

/// <summary>
/// Proves, in one pass and without remembering every pair, that a stream of (user, film) pairs holds no pair twice,
/// when each user's rows arrive together as data sets and exports write them. Once a pair may repeat (a film twice in
/// one user's run, or a user whose run already ended appearing again) the proof is given up for good.
/// </summary>
/// <remarks>
/// A bulk write that knows its rows are distinct can append them without sorting them for "last one wins"; one that
/// cannot falls back to that sort. Memory is one entry per user and one per film of the current run.
/// </remarks>
internal sealed class DistinctPairCheck
{
    private readonly HashSet<int> _endedUsers = [];
    private readonly HashSet<int> _filmsOfRun = [];
    private int _runUser;
    private bool _inRun;

    /// <summary>True while every pair added so far is distinct from every other.</summary>
    public bool Distinct { get; private set; } = true;

    /// <summary>Adds one pair; returns <see cref="Distinct"/>.</summary>
    public bool Add(int user, int film)
    {
        if (!Distinct)
            return false;
        if (!_inRun || user != _runUser)
        {
            if (_inRun)
                _endedUsers.Add(_runUser);
            if (_endedUsers.Contains(user))
                return Distinct = false;
            _filmsOfRun.Clear();
            _runUser = user;
            _inRun = true;
        }
        return Distinct = _filmsOfRun.Add(film);
    }
}
