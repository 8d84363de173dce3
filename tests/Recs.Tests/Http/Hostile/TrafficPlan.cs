using CsCheck;

namespace Recs.Tests.Http.Hostile;

/// <summary>The generated traffic for one seed: a mix of read and upload requests, with the heavy ones (retrains, zip bombs, oversized bodies) spread evenly through it.</summary>
internal static class TrafficPlan
{
    public const int MixedRequests = 10_800;
    public const int Retrains = 12;
    public const int Bombs = 4;
    public const int Oversized = 8;

    private static readonly Gen<HostileRequest> Mixed = Gen.Frequency<HostileRequest>((74, RouteRequests.Any), (26, UploadRequests.Any));

    private static readonly Gen<HostileRequest> Retrain = Authorizations.ForAdmin.Select(a =>
        new HostileRequest("POST /api/admin/retrain", "POST", "/api/admin/retrain", false, null, a.Header, null, a.Admin));

    /// <summary>Every request for <paramref name="seed"/> (a CsCheck seed string), in the order they are started.</summary>
    public static IReadOnlyList<HostileRequest> Create(string seed)
    {
        var (mixed, retrains, bombs, oversized) = Gen.Select(Mixed.Array[MixedRequests], Retrain.Array[Retrains], UploadRequests.Bomb.Array[Bombs],
            UploadRequests.Oversize.Array[Oversized]).Single(_ => true, seed);
        HostileRequest[] others = [.. bombs, .. oversized];
        var heavy = new List<HostileRequest>();
        for (int i = 0; i < System.Math.Max(retrains.Length, others.Length); i++)
        {
            if (i < retrains.Length)
                heavy.Add(retrains[i]);
            if (i < others.Length)
                heavy.Add(others[i]);
        }
        var plan = new List<HostileRequest>(mixed.Length + heavy.Count);
        int next = 0;
        for (int i = 0; i < mixed.Length; i++)
        {
            // The heavy requests land at even intervals, the first a little way in, so each meets traffic around it.
            if (next < heavy.Count && i == (next + 1) * mixed.Length / (heavy.Count + 1))
                plan.Add(heavy[next++]);
            plan.Add(mixed[i]);
        }
        plan.AddRange(heavy.Skip(next));
        return plan;
    }
}
