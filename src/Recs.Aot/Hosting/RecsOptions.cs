namespace Recs.Aot.Hosting;

/// <summary>Service settings, bound from configuration section "Recs" (environment: Recs__TimeBudgetMs=…, or --Recs:TimeBudgetMs=…).</summary>
public sealed class RecsOptions
{
    /// <summary>The configuration section the settings are bound from.</summary>
    public const string Section = "Recs";

    /// <summary>Longest a recommendation may compute before the popular-films fallback is served.</summary>
    public int TimeBudgetMs { get; set; } = 250;

    /// <summary>How long a computed list stays in the recommendation cache.</summary>
    public int CacheTtlSeconds { get; set; } = 300;

    /// <summary>
    /// Most memory the cached lists may hold, in megabytes (about 3.4 KB a person: 16 MB hold about 4,900 people);
    /// past it the least recently used lists are dropped.
    /// </summary>
    public int CacheMaxMegabytes { get; set; } = 16;

    /// <summary>How often the model is rebuilt from the store; 0 disables the schedule.</summary>
    public int RefreshMinutes { get; set; } = 30;

    /// <summary>
    /// With several replicas on one PostgreSQL: how often each checks for a newer published model besides the
    /// notifications (a backstop for notifications lost while the channel was down).
    /// </summary>
    public int ReplicaCheckSeconds { get; set; } = 30;

    /// <summary>Seed the synthetic demo catalogue when the store is empty.</summary>
    public bool Demo { get; set; }

    /// <summary>Start-up connection attempts before the service stays degraded (it keeps retrying slowly after that).</summary>
    public int ConnectAttempts { get; set; } = 8;

    /// <summary>Where the trained model is saved and loaded from at start-up; empty disables snapshots.</summary>
    public string SnapshotPath { get; set; } = "./data/model.snapshot";

    /// <summary>
    /// When set, the operator endpoints (debug, cache, preload, memory, admin) require "Authorization: Bearer {AdminToken}";
    /// unset, they answer loopback callers only.
    /// </summary>
    public string? AdminToken { get; set; }

    public int RateLimitPermitsPerSecond { get; set; } = 500;
    public int RateLimitBurst { get; set; } = 1000;

    /// <summary>
    /// The service API key: "Authorization: Bearer {ApiKey}" may upload for anyone, including people from an import.
    /// Without it, only people created by their own first upload can be written (with the token it returned).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Most people whose upload the serving data has not absorbed yet (see UploadedUsers): half-way there a reload is
    /// started early; when full, uploads are refused with 503 until the reload lands.
    /// </summary>
    public int MaxPendingUploads { get; set; } = 2_000;

    /// <summary>How long /health reuses its last database probe (ping and counts), so health checks cannot load the database.</summary>
    public int HealthProbeCacheSeconds { get; set; } = 5;

    /// <summary>
    /// Comma-separated addresses and CIDR ranges of reverse proxies whose X-Forwarded-For names the client for rate
    /// limiting (e.g. "10.0.0.0/8"); unset, the client is the TCP peer.
    /// </summary>
    public string? TrustedProxies { get; set; }

    /// <summary>Uploads (POST /api/users/{username}/ratings) processed at once; more are answered 429 with Retry-After.</summary>
    public int MaxConcurrentUploads { get; set; } = 4;

    /// <summary>Uploads that may wait for a slot when all are taken (they wait while the body stays unread); 0 refuses at once.</summary>
    public int UploadQueueLimit { get; set; } = 2;

    /// <summary>
    /// Slowest a request body may arrive, in bytes per second, once <see cref="RequestBodyGraceSeconds"/> have passed;
    /// slower bodies are answered 408 (Kestrel's MinRequestBodyDataRate). 0 disables the minimum.
    /// </summary>
    public double MinRequestBodyBytesPerSecond { get; set; } = 240;

    /// <summary>Seconds a request body may take before <see cref="MinRequestBodyBytesPerSecond"/> applies; more than 1.</summary>
    public double RequestBodyGraceSeconds { get; set; } = 5;

    /// <summary>Longest the whole body of one upload may take to arrive; later is a 408 and frees the upload slot.</summary>
    public int UploadReadSeconds { get; set; } = 60;

    /// <summary>Serve /metrics (Prometheus text, operator only) and collect what it reports; false maps no /metrics and collects nothing.</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>
    /// After each model swap, drop the executable's clean read-only pages from the resident set (Linux; see ImagePages):
    /// code that ran only to start or to train stops counting, and a page used again is mapped from the page cache.
    /// </summary>
    public bool ReleaseImagePages { get; set; } = true;
}
