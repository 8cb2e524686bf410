namespace DeepSeekOcr.AbiGen.Emitters;

/// <summary>One file the generator writes: its path from the repository root and its whole text.</summary>
internal sealed record GeneratedFile(string Path, string Text)
{
    public const string Notice = "Generated from native/include/deepseek_ocr.h by tools/DeepSeekOcr.AbiGen (build.sh runs it): do not edit.";
}
