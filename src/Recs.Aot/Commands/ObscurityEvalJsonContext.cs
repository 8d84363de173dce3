using System.Text.Json.Serialization;

namespace Recs.Aot.Commands;

/// <summary>Source-generated serialiser for `recs eval-obscurity --json` (snake_case, indented).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(ObscurityEvalReport))]
internal sealed partial class ObscurityEvalJsonContext : JsonSerializerContext;
