using DeepSeekOcr.Client.Documents;

namespace DeepSeekOcr.Client;

/// <summary>
/// What the caller calls each option and request field, for the messages that name them: the C# names for .NET
/// callers (<see cref="Managed"/>); the C exports give the header's field names, and their notes on how a field is
/// left unset, so that every message speaks the caller's language.
/// </summary>
internal sealed record OptionNames
{
    public static readonly OptionNames Managed = new()
    {
        BaseUrl = nameof(OcrClientOptions.BaseUrl),
        ApiKey = nameof(OcrClientOptions.ApiKey),
        AllowInsecureHttp = nameof(OcrClientOptions.AllowInsecureHttp),
        Timeout = nameof(OcrClientOptions.Timeout),
        ConnectTimeout = nameof(OcrClientOptions.ConnectTimeout),
        IdleTimeout = nameof(OcrClientOptions.IdleTimeout),
        MaxRetries = nameof(OcrClientOptions.MaxRetries),
        MaxImageBytes = nameof(OcrClientOptions.MaxImageBytes),
        LocateText = nameof(OcrRequest.LocateText),
        MaxTokens = nameof(OcrRequest.MaxTokens),
        Temperature = nameof(OcrRequest.Temperature),
        TopP = nameof(OcrRequest.TopP),
        ResponseFormat = nameof(OcrRequest.ResponseFormatJson),
        Tools = nameof(OcrRequest.ToolsJson),
        ExtraBody = nameof(OcrRequest.ExtraBodyJson),
        Dpi = nameof(OcrDocumentRequest.Dpi),
        Concurrency = nameof(OcrDocumentRequest.Concurrency),
        PdfPath = nameof(OcrDocumentRequest.PdfPath),
        PdfData = nameof(OcrDocumentRequest.PdfBytes),
        DocumentName = nameof(OcrDocumentRequest.Name),
        NumberUnset = " (null leaves it unset)",
        CountUnset = " (null leaves it unset)",
    };

    public required string BaseUrl { get; init; }
    public required string ApiKey { get; init; }
    public required string AllowInsecureHttp { get; init; }
    public required string Timeout { get; init; }
    public required string ConnectTimeout { get; init; }
    public required string IdleTimeout { get; init; }
    public required string MaxRetries { get; init; }
    public required string MaxImageBytes { get; init; }
    public required string LocateText { get; init; }
    public required string MaxTokens { get; init; }
    public required string Temperature { get; init; }
    public required string TopP { get; init; }
    public required string ResponseFormat { get; init; }
    public required string Tools { get; init; }
    public required string ExtraBody { get; init; }
    public required string Dpi { get; init; }
    public required string Concurrency { get; init; }
    public required string PdfPath { get; init; }
    public required string PdfData { get; init; }
    public required string DocumentName { get; init; }

    /// <summary>How a caller leaves a number (temperature, top_p) unset, as a note after a range: " (NaN leaves it unset)".</summary>
    public required string NumberUnset { get; init; }

    /// <summary>How a caller leaves a count (max_tokens) unset, as a note after a range: " (0 leaves it unset)".</summary>
    public required string CountUnset { get; init; }
}
