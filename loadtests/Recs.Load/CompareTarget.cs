namespace Recs.Load;

/// <summary>Which service a compare run drives; they differ only in how a person gets a first personalised list.</summary>
internal enum CompareTarget
{
    /// <summary>Recs: the first <c>/api/recomendacoes/{user}</c> computes the list (mode <c>computed</c>) and caches it.</summary>
    Recs,

    /// <summary>
    /// The original Flask service (<c>../shared/peer/seed_flask.py</c>): <c>/api/recomendacoes/{user}</c> answers popular
    /// films until <c>/api/cache/{user}</c> has run its pipeline, so a personalised first list is that call.
    /// </summary>
    Peer,
}
