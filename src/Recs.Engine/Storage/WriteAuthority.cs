namespace Recs.Engine.Storage;

/// <summary>What a writer proved about itself.</summary>
public enum WriteAuthority
{
    /// <summary>Nothing beyond, possibly, a per-person token: may create a new person or write one whose token it holds.</summary>
    Person,

    /// <summary>The service API key: may write anyone, including people that came from an import.</summary>
    ApiKey,
}
