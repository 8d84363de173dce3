using System.Text.Json.Serialization;

namespace Recs.Aot.Commands;

/// <summary>Source-generated serialiser for `recs eval-groups --json` (snake_case, indented).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(GroupEvalReport))]
internal sealed partial class GroupEvalJsonContext : JsonSerializerContext;
