namespace Recs.Aot.Http.Access;

/// <summary>Endpoint metadata: requests to the endpoint count against their client's bucket in <see cref="ClientRateLimiter"/>.</summary>
internal sealed class ClientRateLimited
{
    public static ClientRateLimited Instance { get; } = new();

    private ClientRateLimited()
    {
    }
}
