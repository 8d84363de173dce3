namespace Recs.Tests.Http;

/// <summary>The test classes sharing <see cref="RequestLimitsFixture"/>; they run one after another, so a held upload slot is never taken by a neighbour.</summary>
[CollectionDefinition(Name)]
public sealed class RequestLimitsCollection : ICollectionFixture<RequestLimitsFixture>
{
    public const string Name = "request limits";
}
