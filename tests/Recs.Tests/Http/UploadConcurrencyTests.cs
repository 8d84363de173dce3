using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

/// <summary>Uploads beyond Recs:MaxConcurrentUploads (1 here, with no queue) are refused at once with 429 and Retry-After, over real parallel requests.</summary>
[Collection(RequestLimitsCollection.Name)]
public sealed class UploadConcurrencyTests(RequestLimitsFixture fixture)
{
    private RunningService Service => fixture.Service;

    [Fact]
    public async Task An_upload_while_the_only_slot_is_held_is_refused_429_with_retry_after_and_admitted_once_it_is_free()
    {
        // Whichever upload reaches the slot second is refused, so the held one is given a head start; should the probe
        // still win the race (admitted, it is answered 400 for its empty body and stores nothing), the held upload is
        // the one refused, and the round is tried again.
        var outcomes = new List<string>();
        for (int round = 0; round < 5; round++)
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var held = new HeldBodyContent(release.Task);
            held.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            var heldUpload = Service.Http.PostAsync("/api/users/held_open/ratings", held);
            HttpResponseMessage probe;
            try
            {
                await held.Started.WaitAsync(TimeSpan.FromSeconds(10));
                await Task.Delay(300);
                probe = await PostEmptyCsvAsync("probe");
            }
            finally
            {
                release.TrySetResult();
            }
            using (probe)
            {
                string heldOutcome = await Describe(heldUpload);
                if (probe.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    outcomes.Add($"probe {(int)probe.StatusCode}, held upload {heldOutcome}");
                    continue;
                }
                Assert.True(heldOutcome.StartsWith("200", StringComparison.Ordinal), $"the held upload, once released → {heldOutcome}");
                Assert.Equal("application/problem+json", probe.Content.Headers.ContentType?.MediaType);
                Assert.True(probe.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After is '{probe.Headers.RetryAfter}'");
                using var doc = JsonDocument.Parse(await probe.Content.ReadAsStringAsync());
                Assert.Equal(429, doc.RootElement.GetProperty("status").GetInt32());
            }

            using var after = await PostEmptyCsvAsync("after_release");
            Assert.True(after.StatusCode == HttpStatusCode.BadRequest,
                $"an upload after the slot was freed → {(int)after.StatusCode}, expected to be admitted (and refused 400 for its empty body)");
            return;
        }
        Assert.Fail($"no upload was refused while another held the only slot: {string.Join("; ", outcomes)}");
    }

    // "status body" of a finished upload, or why it failed (a refused upload's body is cut off when the server answers).
    private static async Task<string> Describe(Task<HttpResponseMessage> upload)
    {
        try
        {
            using var response = await upload;
            return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }
        catch (HttpRequestException e)
        {
            return $"failed: {e.Message} {e.InnerException?.Message}";
        }
    }

    private Task<HttpResponseMessage> PostEmptyCsvAsync(string user)
    {
        var content = new ByteArrayContent([]);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return Service.Http.PostAsync($"/api/users/{user}/ratings", content);
    }
}
