using System.Text.Json.Serialization;

namespace Recs.Aot.Commands;

/// <summary>Source-generated serialiser for `recs eval --json` (snake_case, indented), so no reflection runs in the AOT binary.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(EvalReport))]
[JsonSerializable(typeof(EvalTuneReport))]
internal sealed partial class EvalJsonContext : JsonSerializerContext;
