namespace Recs.Aot.Hosting;

/// <summary>A password-free description of where the store lives, for /health and logs.</summary>
public sealed record StoreTarget(string Description);
