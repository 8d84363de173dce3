namespace Recs.Aot.Http.OpenApi;

/// <summary>The groups the API reference shows its operations in; <see cref="ServiceDescription"/> says what each is for.</summary>
internal static class ApiTags
{
    public const string Probes = "Probes";
    public const string Recommendations = "Recommendations";
    public const string Uploads = "Uploads";
    public const string Operator = "Operator";
}
