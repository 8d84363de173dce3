using System.Text.Json.Serialization;

namespace Recs.Aot.Http;

/// <summary>Builds the Kestrel application: services, middleware and every endpoint.</summary>
public static class RecsApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, RecsJsonContext.Default));
        var app = builder.Build();
        app.MapGet("/ping", () => TypedResults.Text("pong"));
        return app;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(string))]
internal sealed partial class RecsJsonContext : JsonSerializerContext;
