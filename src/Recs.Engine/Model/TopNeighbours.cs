namespace Recs.Engine.Model;

/// <summary>
/// The best K (similarity, film) pairs offered so far, highest similarity first and ties by lower film index, so the
/// result does not depend on the order of the offers (and training is deterministic whatever counts the films).
/// </summary>
internal sealed class TopNeighbours(int k)
{
    private readonly float[] _sims = new float[k];
    private readonly int[] _films = new int[k];
    private int _count;

    public void Reset() => _count = 0;

    /// <summary>True once K pairs are kept, from when on only a pair preceding <see cref="Worst"/> gets in.</summary>
    public bool IsFull => _count == _sims.Length;

    /// <summary>The lowest similarity kept (meaningful when <see cref="IsFull"/>).</summary>
    public float Worst => _sims[_count - 1];

    public void Offer(float similarity, int film)
    {
        if (_count == _sims.Length && !Precedes(similarity, film, _sims[_count - 1], _films[_count - 1]))
            return;
        int slot = _count < _sims.Length ? _count++ : _count - 1;
        while (slot > 0 && Precedes(similarity, film, _sims[slot - 1], _films[slot - 1]))
        {
            _sims[slot] = _sims[slot - 1];
            _films[slot] = _films[slot - 1];
            slot--;
        }
        _sims[slot] = similarity;
        _films[slot] = film;
    }

    /// <summary>Writes the kept pairs best first; slots beyond them keep their contents (callers pre-fill −1 ids).</summary>
    public void CopyTo(Span<int> films, Span<float> similarities)
    {
        _films.AsSpan(0, _count).CopyTo(films);
        _sims.AsSpan(0, _count).CopyTo(similarities);
    }

    private static bool Precedes(float sim, int film, float otherSim, int otherFilm) =>
        sim > otherSim || (sim == otherSim && film < otherFilm);
}
