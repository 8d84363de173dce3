namespace Recs.Aot.Http.Contracts;

/// <summary>The body of POST /api/admin/retrain: whether this request queued a retrain, the training state and the last error.</summary>
public sealed record RetrainResponse(string Request, string Training, string? LastError);
