namespace Recs.Tests.Support;

/// <summary>One sample line of the Prometheus text format: metric name, labels and value.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
