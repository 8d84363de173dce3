namespace Recs.Bench.Http;

/// <summary>One kind of request the pipeline benchmark sends: its target, and the client address a trusted proxy forwards (null: none).</summary>
public sealed record PipelineCase(string Name, string Path, string Query, string? ForwardedFor)
{
    public string RawTarget { get; } = Path + Query;

    public override string ToString() => Name;
}
