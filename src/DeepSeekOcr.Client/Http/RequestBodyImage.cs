using DeepSeekOcr.Client.Images;

namespace DeepSeekOcr.Client.Http;

/// <summary>An image of a <see cref="RequestBody"/> and the JSON bytes that follow it.</summary>
internal sealed record RequestBodyImage(ImagePayload Image, byte[] Following);
