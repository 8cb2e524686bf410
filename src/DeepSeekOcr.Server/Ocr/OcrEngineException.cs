namespace DeepSeekOcr.Server.Ocr;

/// <summary>Tesseract could not start or failed on an image; the message says what to fix where it can.</summary>
public sealed class OcrEngineException(string message, Exception? inner = null) : Exception(message, inner);
