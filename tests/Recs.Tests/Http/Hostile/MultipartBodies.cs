using System.Text;
using CsCheck;

namespace Recs.Tests.Http.Hostile;

/// <summary>
/// Generators of multipart/form-data uploads, written byte by byte: one file (the documented shape) with hostile
/// part headers, preamble and epilogue, extra value fields, two files, no file, a truncated body, a missing or wrong
/// boundary, bare LF line breaks. Each returns the body, its Content-Type and what it means.
/// </summary>
internal static class MultipartBodies
{
    private const string BoundaryChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'+_-.";

    private static readonly Gen<GeneratedUpload> File = Gen.Frequency<GeneratedUpload>(
        (14, RatingsCsvBodies.Plain), (3, ExportZipBodies.Export), (3, RatingsCsvBodies.Any));

    /// <summary>A multipart upload: body, Content-Type header, meaning.</summary>
    public static readonly Gen<(GeneratedUpload Upload, string ContentType)> Any =
        from file in File
        from boundary in Gen.Char[BoundaryChars].Array[1, 40].Select(c => "recs" + new string(c))
        from shape in Gen.Frequency<int>((2, Gen.Int[0, 5]), (1, Gen.Int[6, 17]))
        from partType in Gen.OneOf<string?>("text/csv", "application/zip", "application/octet-stream", null, "image/png")
        from name in HostileText.Any
        from values in HostileText.Short.Array[1, 4]
        from at in Gen.Double.Unit
        select Build(file, boundary, shape, partType, name, values, at);

    private static (GeneratedUpload, string) Build(GeneratedUpload file, string boundary, int shape, string? partType, string name, string[] values, double at)
    {
        string contentType = $"multipart/form-data; boundary={boundary}";
        string crlf = shape == 15 ? "\n" : "\r\n";
        var body = new MemoryStream();
        void Text(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        void Part(string disposition, string? type, byte[] bytes)
        {
            Text($"--{boundary}{crlf}Content-Disposition: {disposition}{crlf}");
            if (type is not null)
                Text($"Content-Type: {type}{crlf}");
            Text(crlf);
            body.Write(bytes);
            Text(crlf);
        }
        string fileDisposition = shape == 9
            ? $"form-data; name=\"{name.Replace("\"", "%22")}\"; filename=\"{name.Replace("\"", "%22")}\"; filename*=UTF-8''{UrlText.Encode(name)}"
            : "form-data; name=\"file\"; filename=\"ratings.csv\"";

        if (shape == 7)
            Text($"preamble {values[0]}{crlf}");
        if (shape is 8 or 11)
        {
            foreach (string value in values)
                Part("form-data; name=\"note\"", null, Encoding.UTF8.GetBytes(value));
        }
        if (shape != 11)
            Part(fileDisposition, partType, file.Bytes);
        if (shape == 10)
            Part("form-data; name=\"second\"; filename=\"watched.csv\"", "text/csv", file.Bytes);
        long closing = body.Length;
        Text($"--{boundary}--{crlf}");
        if (shape == 7)
            Text($"epilogue {values[^1]}{crlf}");

        byte[] bytes = body.ToArray();
        string kind = $"multipart shape {shape} part type {partType ?? "none"} of {file.Kind}";
        var upload = new GeneratedUpload(kind, bytes, file.Outcome, file.Ratings, file.IsZip);
        switch (shape)
        {
            case 6:
                return (upload.Downgrade(UploadOutcome.MayStore, "quoted boundary"), $"multipart/form-data; boundary=\"{boundary}\"");
            case 7 or 8 or 9 or 15:
                return (upload.Downgrade(UploadOutcome.MayStore, shape switch { 7 => "preamble and epilogue", 8 => "value fields", 9 => "hostile file name", _ => "bare LF" }), contentType);
            case 10:
                return (upload.Downgrade(UploadOutcome.Refused, "two files"), contentType);
            case 11:
                return (upload.Downgrade(UploadOutcome.Refused, "no file"), contentType);
            case 12:
                int end = (int)(at * closing);
                return (upload.Override(UploadOutcome.Refused, $"truncated at byte {end} of {bytes.Length}") with { Bytes = bytes[..end] }, contentType);
            case 13:
                return (upload.Downgrade(UploadOutcome.Refused, "no boundary parameter"), "multipart/form-data");
            case 14:
                return (upload.Downgrade(UploadOutcome.Refused, "another boundary"), $"multipart/form-data; boundary=x{boundary}");
            default:
                return (upload, contentType);
        }
    }
}
