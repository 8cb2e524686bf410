namespace DeepSeekOcr.Client;

/// <summary>Where a client's base URL came from, named in failures so that a forgotten setting shows.</summary>
internal enum BaseUrlSource
{
    /// <summary>The caller's base_url (--base-url on the command line).</summary>
    Argument,

    /// <summary>$DEEPSEEK_OCR_BASE_URL.</summary>
    Environment,

    /// <summary>Neither: the hosted service.</summary>
    Default,
}
