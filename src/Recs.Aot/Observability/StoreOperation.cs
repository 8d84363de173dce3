namespace Recs.Aot.Observability;

/// <summary>The <c>operation</c> tag values of <c>recs.store.operation.duration</c>.</summary>
public static class StoreOperation
{
    /// <summary>The health probe's round trip.</summary>
    public const string Ping = "ping";

    /// <summary>The health probe's row counts.</summary>
    public const string Count = "count";

    /// <summary>Reading the store's change sequence at the start of every reload.</summary>
    public const string ChangeSequence = "change_sequence";

    /// <summary>Reading the whole store into a new data set.</summary>
    public const string ReadAll = "read_all";

    /// <summary>Reading only what changed since the data served.</summary>
    public const string ReadChanges = "read_changes";

    /// <summary>One upload's transaction: the person's ratings and exclusions written and read back.</summary>
    public const string WritePerson = "write_person";
}
