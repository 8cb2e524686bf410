using System.Net;

namespace DeepSeekOcr.Server.Hosting;

/// <summary>Everything the command line can set, with the defaults the server runs with when it sets nothing.</summary>
public sealed class ServerOptions
{
    public const string DefaultTessdata = "/usr/share/tesseract-ocr/5/tessdata";

    /// <summary>Where Kestrel listens; loopback unless the caller asks for more.</summary>
    public List<string> Urls { get; } = [];

    /// <summary>The bearer token every request but /health must carry; null: no authentication.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The model id served and listed by /v1/models.</summary>
    public string Model { get; set; } = "deepseek-ocr";

    /// <summary>Request bodies above this get 413 (a data: URL of 24 MiB of image is about 32 MiB of JSON).</summary>
    public long MaxBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Decoded image bytes above this (from a data: URL or a download) get 400.</summary>
    public long MaxImageBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>How long fetching an http(s) image_url may take, in seconds.</summary>
    public int FetchTimeoutSeconds { get; set; } = 30;

    /// <summary>Fetch image_url from any address, private networks and loopback included (only for a trusted setting).</summary>
    public bool AllowPrivateImageUrls { get; set; }

    /// <summary>Non-public networks image_url may nevertheless be fetched from (e.g. an image store on the LAN).</summary>
    public List<IPNetwork> AllowedImageNetworks { get; } = [];

    /// <summary>Tesseract instances, i.e. how many images are recognised at the same time.</summary>
    public int Engines { get; set; } = Environment.ProcessorCount;

    public string Tessdata { get; set; } = Environment.GetEnvironmentVariable("TESSDATA_PREFIX") is { Length: > 0 } prefix
        ? prefix
        : DefaultTessdata;

    public string Language { get; set; } = "eng";

    /// <summary>Requests admitted beyond the ones being read; past that, 429 with Retry-After. Null: 8 per engine.</summary>
    public int? MaxQueue { get; set; }

    public int EffectiveMaxQueue => MaxQueue ?? 8 * Engines;

    public bool ShowHelp { get; set; }

    public IEnumerable<string> EffectiveUrls => Urls.Count > 0 ? Urls : ["http://127.0.0.1:8000"];
}
