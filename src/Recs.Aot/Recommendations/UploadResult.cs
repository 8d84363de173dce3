using Recs.Aot.Http.Contracts;
using Recs.Engine.Storage;

namespace Recs.Aot.Recommendations;

/// <summary>
/// What became of an upload: <see cref="Outcome"/> null when nothing needed storing (no film matched and no lists),
/// <see cref="Busy"/> when the overlay was full and nothing was written; <see cref="Response"/> set unless refused.
/// </summary>
public sealed record UploadResult(WriteOutcome? Outcome, bool Busy, RatingsUploadResponse? Response);
