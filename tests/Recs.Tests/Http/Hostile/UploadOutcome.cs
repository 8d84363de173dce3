namespace Recs.Tests.Http.Hostile;

/// <summary>What the service may do with a generated upload, from the documented contract.</summary>
internal enum UploadOutcome
{
    /// <summary>Valid by the documented contract: a caller allowed to write the person must get a 2xx that stores exactly the intended ratings.</summary>
    MustStore,

    /// <summary>Valid only by leniencies the contract does not promise: refusing is fine, a 2xx must store exactly the intended ratings.</summary>
    MayStore,

    /// <summary>Invalid: any 4xx; a 2xx is a violation.</summary>
    Refused,

    /// <summary>Damaged in a way whose meaning cannot be predicted (a truncated CSV, a corrupted zip): only the reported total is checked.</summary>
    Unpredictable,
}
