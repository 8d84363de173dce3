namespace Recs.Engine.Storage;

/// <summary>How <see cref="IRatingStore.WritePersonAsync"/> ended; only <see cref="Created"/> and <see cref="Updated"/> wrote anything.</summary>
public enum WriteOutcome
{
    /// <summary>The person did not exist; they were created with the new token's hash, and the write stored.</summary>
    Created,

    /// <summary>The person existed and the caller was entitled to write them; the write stored.</summary>
    Updated,

    /// <summary>The person exists and has a token, but the caller presented none: nothing was written.</summary>
    TokenRequired,

    /// <summary>The caller presented a token that is not this person's: nothing was written.</summary>
    TokenRejected,

    /// <summary>The person came from an import and has no token; only the API key may write them: nothing was written.</summary>
    ApiKeyRequired,
}
