using DeepSeekOcr.AbiGen;

// Usage: abigen [-check] [REPOSITORY]. Writes every generated copy of the ABI (see the csproj), or with -check
// compares them with what is checked in and ends with "N passed, N failed", one count per file.
bool check = args.Contains("-check");
string root = args.FirstOrDefault(a => !a.StartsWith('-')) ?? Repository.Find(Directory.GetCurrentDirectory());
try
{
    var files = Generator.Generate(root);
    return check ? Repository.Check(root, files) : Repository.Write(root, files);
}
catch (FormatException e)
{
    Console.Error.WriteLine($"abigen: native/include/deepseek_ocr.h: {e.Message}");
    return 2;
}
