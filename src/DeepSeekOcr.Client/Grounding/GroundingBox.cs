namespace DeepSeekOcr.Client.Grounding;

/// <summary>
/// One box of a region: the model's coordinates (0 to 999 across the image, as it sent them) and, when the image's
/// size is known, the same box in its pixels (each coordinate <c>(int)(v / 999.0 * size)</c>, truncated as the
/// official scripts' <c>int()</c>), else -1.
/// </summary>
public readonly record struct GroundingBox(int X1, int Y1, int X2, int Y2, int NormalizedX1, int NormalizedY1, int NormalizedX2, int NormalizedY2)
{
    public bool HasPixels => X1 >= 0;
}
