namespace DeepSeekOcr.Server.Images;

/// <summary>An image_url the server cannot turn into image bytes; the message names the problem for the caller.</summary>
public sealed class ImageRejectedException(string message) : Exception(message);
