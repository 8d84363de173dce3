namespace Recs.Load;

/// <summary>Sends one scenario's request and records its answer, with the latency counted from a given start.</summary>
internal sealed class RequestSender(HttpClient http, RequestContext context)
{
    public HttpClient Http => http;

    /// <summary>
    /// Latency runs from <paramref name="startTimestamp"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp) to the last byte of the
    /// answer: the scheduled send time in an open loop, the actual one in a closed loop. Never throws for a failed request.
    /// </summary>
    public async Task SendAsync(Scenario scenario, ScenarioRecorder recorder, long startTimestamp)
    {
        try
        {
            using var request = scenario.Build(context);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
            string? mode = null;
            if (scenario.ExpectedModes is not null)
                mode = ModeField.Read(await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false));
            recorder.Record(startTimestamp, (int)response.StatusCode, mode);
        }
        catch (HttpRequestException e)
        {
            recorder.RecordFailure(startTimestamp, e.HttpRequestError.ToString());
        }
        catch (TaskCanceledException)
        {
            recorder.RecordFailure(startTimestamp, "timeout");
        }
        catch (IOException)
        {
            recorder.RecordFailure(startTimestamp, "io");
        }
    }
}
