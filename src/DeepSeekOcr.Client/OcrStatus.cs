namespace DeepSeekOcr.Client;

/// <summary>The outcome of a call. Values equal the C ABI's <c>ocr_status</c>; they are only ever appended.</summary>
public enum OcrStatus
{
    Ok = 0,
    InvalidArgument = 1,
    Io = 2,
    UnsupportedImage = 3,
    Network = 4,
    Timeout = 5,
    Cancelled = 6,
    Auth = 7,
    RateLimited = 8,
    Http = 9,
    Server = 10,
    Protocol = 11,
    TooLarge = 12,
    Internal = 13,

    /// <summary>Only the C gate returns it: a call in a child forked after the runtime started.</summary>
    Forked = 14,

    /// <summary>Only the C gate returns it: the CPU lacks instructions the library was compiled for.</summary>
    UnsupportedCpu = 15,
}
