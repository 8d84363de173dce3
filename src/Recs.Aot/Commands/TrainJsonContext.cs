using System.Text.Json.Serialization;

namespace Recs.Aot.Commands;

/// <summary>Source-generated, snake_case serialiser for the `recs train --json` report, so the AOT binary needs no reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TrainReport))]
internal sealed partial class TrainJsonContext : JsonSerializerContext;
