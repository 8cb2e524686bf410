namespace DeepSeekOcr.Server.Images;

/// <summary>An image_url host that resolves only to addresses the <see cref="ImageAddressPolicy"/> refuses.</summary>
public sealed class ImageAddressRefusedException(string message) : Exception(message);
