namespace DeepSeekOcr.Server.Ocr;

/// <summary>One recognised word, where it is, and how far its tallest letters rise above the baseline.</summary>
public sealed record OcrWord(string Text, PixelBox Box, int Ascent);
