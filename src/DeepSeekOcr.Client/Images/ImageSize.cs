namespace DeepSeekOcr.Client.Images;

/// <summary>An image's size in pixels, as its header declares it.</summary>
public readonly record struct ImageSize(int Width, int Height);
