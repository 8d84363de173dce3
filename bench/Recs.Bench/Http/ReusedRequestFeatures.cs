using System.Collections;
using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Recs.Bench.Http;

/// <summary>
/// The features of one request, reused for the next the way Kestrel reuses its connection's: the server's own
/// features are fields of this object, features the pipeline adds during a request are dropped by <see cref="Reset"/>
/// (so per-request framework objects such as the query collection are created again, as they are under Kestrel), and
/// the response goes to a <see cref="DiscardingPipeWriter"/>. Setting up a request allocates nothing.
/// </summary>
internal sealed class ReusedRequestFeatures : IFeatureCollection, IHttpRequestFeature, IHttpResponseFeature, IHttpResponseBodyFeature,
    IHttpConnectionFeature, IEndpointFeature, IRouteValuesFeature, IHttpRequestLifetimeFeature
{
    private const int MaxAdded = 16;
    private readonly Type?[] _addedTypes = new Type?[MaxAdded];
    private readonly object?[] _added = new object?[MaxAdded];
    private readonly List<(Func<object, Task> Callback, object State)> _onStarting = new(4);
    private readonly List<(Func<object, Task> Callback, object State)> _onCompleted = new(4);
    private readonly DiscardingPipeWriter _body = new();
    private readonly ServerResponseHeaders _responseHeaders = new();
    private RouteValueDictionary? _routeValues;
    private int _revision;

    public ReusedRequestFeatures(IPAddress remote) => RemoteIpAddress = remote;

    /// <summary>Body bytes of the last response.</summary>
    public long BodyBytes => _body.Written;

    /// <summary>Readies the features for a new request; <paramref name="forwardedFor"/> null sends no X-Forwarded-For.</summary>
    public void Reset(string path, string query, string rawTarget, string? forwardedFor)
    {
        Array.Clear(_addedTypes);
        Array.Clear(_added);
        _onStarting.Clear();
        _onCompleted.Clear();
        _body.Reset();
        _responseHeaders.Clear();
        _routeValues = null;
        Method = HttpMethods.Get;
        Path = path;
        QueryString = query;
        RawTarget = rawTarget;
        Headers.Clear();
        if (forwardedFor is not null)
            Headers["X-Forwarded-For"] = forwardedFor;
        StatusCode = StatusCodes.Status200OK;
        ReasonPhrase = null;
        HasStarted = false;
        Endpoint = null;
        _revision++;
    }

    /// <summary>Runs the response's start and completion callbacks, as the server does once the application returns.</summary>
    public async Task CompleteAsync()
    {
        await StartAsync();
        for (int i = _onCompleted.Count - 1; i >= 0; i--)
            await _onCompleted[i].Callback(_onCompleted[i].State);
    }

    // IFeatureCollection
    public bool IsReadOnly => false;
    public int Revision => _revision;

    public object? this[Type key]
    {
        get
        {
            if (key.IsInstanceOfType(this))
                return this;
            for (int i = 0; i < MaxAdded; i++)
            {
                if (_addedTypes[i] == key)
                    return _added[i];
            }
            return null;
        }
        set
        {
            _revision++;
            int free = -1;
            for (int i = 0; i < MaxAdded; i++)
            {
                if (_addedTypes[i] == key)
                {
                    _added[i] = value;
                    return;
                }
                if (free < 0 && _addedTypes[i] is null)
                    free = i;
            }
            if (free < 0)
                throw new InvalidOperationException($"more than {MaxAdded} features added to one request");
            _addedTypes[free] = key;
            _added[free] = value;
        }
    }

    public TFeature? Get<TFeature>() => (TFeature?)this[typeof(TFeature)];

    public void Set<TFeature>(TFeature? instance) => this[typeof(TFeature)] = instance;

    public IEnumerator<KeyValuePair<Type, object>> GetEnumerator()
    {
        for (int i = 0; i < MaxAdded; i++)
        {
            if (_addedTypes[i] is { } type && _added[i] is { } feature)
                yield return new(type, feature);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // IHttpRequestFeature
    public string Protocol { get; set; } = HttpProtocol.Http11;
    public string Scheme { get; set; } = "http";
    public string Method { get; set; } = HttpMethods.Get;
    public string PathBase { get; set; } = "";
    public string Path { get; set; } = "/";
    public string QueryString { get; set; } = "";
    public string RawTarget { get; set; } = "/";
    IHeaderDictionary IHttpRequestFeature.Headers { get => Headers; set => throw new NotSupportedException(); }
    public HeaderDictionary Headers { get; } = new();
    Stream IHttpRequestFeature.Body { get; set; } = Stream.Null;

    // IHttpResponseFeature
    public int StatusCode { get; set; } = StatusCodes.Status200OK;
    public string? ReasonPhrase { get; set; }
    IHeaderDictionary IHttpResponseFeature.Headers { get => _responseHeaders; set => throw new NotSupportedException(); }
    Stream IHttpResponseFeature.Body { get; set; } = Stream.Null;
    public bool HasStarted { get; private set; }
    public void OnStarting(Func<object, Task> callback, object state) => _onStarting.Add((callback, state));
    public void OnCompleted(Func<object, Task> callback, object state) => _onCompleted.Add((callback, state));

    // IHttpResponseBodyFeature
    public Stream Stream => Stream.Null;
    public PipeWriter Writer => _body;
    public void DisableBuffering()
    {
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (HasStarted)
            return;
        HasStarted = true;
        for (int i = _onStarting.Count - 1; i >= 0; i--)
            await _onStarting[i].Callback(_onStarting[i].State);
    }

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task CompleteAsync(CancellationToken cancellationToken) => StartAsync(cancellationToken);
    Task IHttpResponseBodyFeature.CompleteAsync() => StartAsync();

    // IHttpConnectionFeature
    public string ConnectionId { get; set; } = "bench";
    public IPAddress? RemoteIpAddress { get; set; }
    public IPAddress? LocalIpAddress { get; set; } = IPAddress.Loopback;
    public int RemotePort { get; set; } = 50000;
    public int LocalPort { get; set; } = 8080;

    // IEndpointFeature, IRouteValuesFeature
    public Endpoint? Endpoint { get; set; }
    public RouteValueDictionary RouteValues { get => _routeValues ??= new RouteValueDictionary(); set => _routeValues = value; }

    // IHttpRequestLifetimeFeature
    public CancellationToken RequestAborted { get; set; }
    public void Abort()
    {
    }
}
