namespace Recs.Tests.Http.Hostile;

/// <summary>
/// One generated request. <see cref="Target"/> is the path and query: sent byte for byte when <see cref="Canonical"/>
/// is false (it is then plain ASCII, percent-encoded by the generator), otherwise handed to <see cref="Uri"/>, which
/// escapes and normalises it as any client would. <see cref="Authorization"/> is the raw header value (null: none);
/// for an upload by <see cref="Caller.OwnToken"/> the sender puts in the person's token. <see cref="MustAdmit"/> says
/// whether the admin endpoint must let the request in (true), keep it out (false) or may do either (null).
/// </summary>
internal sealed record HostileRequest(
    string Route, string Method, string Target, bool Canonical, HostileBody? Body, string? Authorization, UploadIntent? Upload, bool? MustAdmit = null)
{
    /// <summary>
    /// True when the server may refuse the request before reading its body and close the connection while the client
    /// is still sending it (a body over the 5 MB cap, or a target past Kestrel's 8 KB request line), so the client
    /// may see a broken connection instead of the refusal.
    /// </summary>
    public bool MayBeCutOff => Body is { Bytes.Length: > 0 } && (Body.Bytes.Length > ResponseRules.BodyCap || Target.Length > 8_000);

    /// <summary>A one-line description for failure messages: method, target (shortened), body and caller; control characters shown as \uXXXX.</summary>
    public string Summary
    {
        get
        {
            string target = Target.Length <= 160 ? Target : $"{Target[..120]}…({Target.Length} chars)";
            string body = Body is null ? "" : $" body={Body.Bytes.Length}B ct={Quote(Body.ContentType)}{(Body.Chunked ? " chunked" : "")}";
            string upload = Upload is null ? "" : $" [{Upload.Upload.Kind}; {Upload.Outcome}; caller={Upload.Caller}]";
            string auth = Authorization is null ? "" : $" auth={Quote(Authorization)}";
            return Visible($"{Method} {target}{body}{auth}{upload}");
        }
    }

    private static string Visible(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));

    private static string Quote(string? value) => value is null ? "none" : value.Length <= 60 ? $"'{value}'" : $"'{value[..40]}…'({value.Length} chars)";
}
