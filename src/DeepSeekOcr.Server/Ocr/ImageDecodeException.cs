namespace DeepSeekOcr.Server.Ocr;

/// <summary>Image bytes that Leptonica cannot decode or that are too large to recognise; the message says which.</summary>
public sealed class ImageDecodeException(string message) : Exception(message);
