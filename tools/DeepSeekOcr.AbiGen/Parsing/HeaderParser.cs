using System.Text.RegularExpressions;
using DeepSeekOcr.AbiGen.Model;

namespace DeepSeekOcr.AbiGen.Parsing;

/// <summary>
/// Reads the subset of C the header is written in: version macros, one status enum, opaque and plain struct
/// typedefs (one field per line, its comment after it), function pointer typedefs and <c>OCR_API</c> functions, each
/// with the comment block right above it. Anything else is skipped; a declaration it cannot read is an error, never
/// a silent omission.
/// </summary>
internal static partial class HeaderParser
{
    public static Abi Parse(string header)
    {
        var lines = header.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        string? version = null;
        int? major = null, minor = null, patch = null;
        string? statusEnum = null;
        var statuses = new List<EnumMember>();
        var enums = new List<EnumDecl>();
        var opaque = new List<string>();
        var structs = new List<StructDecl>();
        var callbacks = new List<CallbackDecl>();
        var functions = new List<FunctionDecl>();
        string doc = "";

        for (int index = 0; index < lines.Length; index++)
        {
            string line = lines[index].Trim();
            if (line.StartsWith("/*", StringComparison.Ordinal))
            {
                doc = ReadComment(lines, ref index);
                continue;
            }

            Match match;
            if ((match = VersionString().Match(line)).Success)
            {
                version = match.Groups[1].Value;
            }
            else if ((match = VersionNumber().Match(line)).Success)
            {
                int value = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (match.Groups[1].Value == "MAJOR")
                {
                    major = value;
                }
                else if (match.Groups[1].Value == "MINOR")
                {
                    minor = value;
                }
                else
                {
                    patch = value;
                }
            }
            else if ((match = OpaqueStruct().Match(line)).Success)
            {
                opaque.Add(match.Groups[1].Value);
            }
            else if ((match = EnumStart().Match(line)).Success && match.Groups[1].Value.EndsWith("_status", StringComparison.Ordinal))
            {
                statusEnum = match.Groups[1].Value;
                statuses.AddRange(ReadEnum(lines, ref index, statusEnum));
            }
            else if (match.Success)
            {
                enums.Add(new EnumDecl(match.Groups[1].Value, doc, ReadEnum(lines, ref index, match.Groups[1].Value)));
            }
            else if ((match = StructStart().Match(line)).Success)
            {
                // A struct added after 1.0 says "Since 1.x." in its comment: its fields are of that version unless they say later.
                var introduced = VersionIn(doc) ?? AbiVersion.First;
                structs.Add(new StructDecl(match.Groups[1].Value, doc, ReadFields(lines, ref index, match.Groups[1].Value, introduced)));
            }
            else if (line.StartsWith("typedef ", StringComparison.Ordinal) && line.Contains("(*", StringComparison.Ordinal))
            {
                callbacks.Add(ReadCallback(Statement(lines, ref index), doc));
            }
            else if (line.StartsWith("OCR_API ", StringComparison.Ordinal))
            {
                functions.Add(ReadFunction(Statement(lines, ref index), doc));
            }

            doc = "";
        }

        if (statusEnum is null)
        {
            throw new FormatException("the header declares no status enum");
        }

        if (version is null || version != $"{major}.{minor}.{patch}")
        {
            throw new FormatException($"OCR_VERSION \"{version}\" does not match OCR_VERSION_MAJOR, _MINOR and _PATCH ({major}.{minor}.{patch})");
        }

        return new Abi(version, statusEnum, statuses, enums, opaque, structs, callbacks, functions);
    }

    /// <summary>The text of a comment block, without its delimiters and leading asterisks, lines joined by newlines.</summary>
    private static string ReadComment(string[] lines, ref int index)
    {
        var text = new List<string>();
        for (; index < lines.Length; index++)
        {
            string line = lines[index].Trim();
            bool last = line.EndsWith("*/", StringComparison.Ordinal);
            if (last)
            {
                line = line[..^2];
            }

            line = line.TrimStart('/').TrimStart('*');

            text.Add(line.Trim());
            if (last)
            {
                break;
            }
        }

        return string.Join('\n', text).Trim();
    }

    /// <summary>The lines from index up to the one ending in ';', joined with single spaces.</summary>
    private static string Statement(string[] lines, ref int index)
    {
        var parts = new List<string>();
        for (; index < lines.Length; index++)
        {
            parts.Add(lines[index].Trim());
            if (lines[index].TrimEnd().EndsWith(';'))
            {
                break;
            }
        }

        return Whitespace().Replace(string.Join(' ', parts), " ").Replace("( ", "(", StringComparison.Ordinal);
    }

    private static List<EnumMember> ReadEnum(string[] lines, ref int index, string name)
    {
        var members = new List<EnumMember>();
        for (index++; index < lines.Length; index++)
        {
            string line = lines[index].Trim();
            if (line == $"}} {name};")
            {
                return members;
            }

            var match = EnumMemberLine().Match(line);
            if (match.Success)
            {
                members.Add(new EnumMember(match.Groups["name"].Value, int.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["comment"].Value.Trim()));
            }
            else if (!line.StartsWith("/*", StringComparison.Ordinal) && line.Length > 0)
            {
                throw new FormatException($"cannot read the enum member '{line}' of {name}");
            }
        }

        throw new FormatException($"enum {name} is not closed");
    }

    private static List<Field> ReadFields(string[] lines, ref int index, string name, AbiVersion introduced)
    {
        var fields = new List<Field>();
        for (index++; index < lines.Length; index++)
        {
            string line = lines[index].Trim();
            if (line == $"}} {name};")
            {
                return fields;
            }

            if (line.Length == 0 || line.StartsWith("/*", StringComparison.Ordinal))
            {
                continue;
            }

            var match = FieldLine().Match(line);
            if (!match.Success)
            {
                throw new FormatException($"cannot read the field '{line}' of {name}: one field per line, 'TYPE NAME; /* comment */'");
            }

            var (type, fieldName) = SplitDeclaration(match.Groups["decl"].Value);
            string comment = match.Groups["comment"].Value.Trim();
            fields.Add(new Field(fieldName, type, comment, VersionIn(comment) ?? introduced));
        }

        throw new FormatException($"struct {name} is not closed");
    }

    private static CallbackDecl ReadCallback(string statement, string doc)
    {
        var match = CallbackLine().Match(statement);
        if (!match.Success)
        {
            throw new FormatException($"cannot read the function pointer typedef '{statement}'");
        }

        return new CallbackDecl(match.Groups["name"].Value, CType.Parse(match.Groups["ret"].Value), ReadParameters(match.Groups["params"].Value), doc);
    }

    private static FunctionDecl ReadFunction(string statement, string doc)
    {
        var match = FunctionLine().Match(statement);
        if (!match.Success)
        {
            throw new FormatException($"cannot read the function declaration '{statement}'");
        }

        return new FunctionDecl(match.Groups["name"].Value, CType.Parse(match.Groups["ret"].Value), ReadParameters(match.Groups["params"].Value), doc);
    }

    private static List<Parameter> ReadParameters(string text)
    {
        if (text.Trim() == "void")
        {
            return [];
        }

        return text.Split(',').Select(part =>
        {
            var (type, name) = SplitDeclaration(part);
            return new Parameter(name, type);
        }).ToList();
    }

    /// <summary>"const char *base_url" into its type and name.</summary>
    private static (CType Type, string Name) SplitDeclaration(string declaration)
    {
        var match = DeclarationName().Match(declaration.Trim());
        if (!match.Success)
        {
            throw new FormatException($"cannot read the declaration '{declaration}'");
        }

        return (CType.Parse(match.Groups["type"].Value), match.Groups["name"].Value);
    }

    [GeneratedRegex("""^#define OCR_VERSION "([0-9.]+)"$""")]
    private static partial Regex VersionString();

    [GeneratedRegex(@"^#define OCR_VERSION_(MAJOR|MINOR|PATCH) (\d+)$")]
    private static partial Regex VersionNumber();

    [GeneratedRegex(@"^typedef struct (\w+) \1;$")]
    private static partial Regex OpaqueStruct();

    [GeneratedRegex(@"^typedef enum (\w+) \{$")]
    private static partial Regex EnumStart();

    [GeneratedRegex(@"^typedef struct (\w+) \{$")]
    private static partial Regex StructStart();

    [GeneratedRegex(@"^(?<name>[A-Z][A-Z0-9_]*)\s*=\s*(?<value>-?\d+),?\s*(?:/\*(?<comment>.*?)\*/)?$")]
    private static partial Regex EnumMemberLine();

    [GeneratedRegex(@"^(?<decl>[^;/]+);\s*(?:/\*(?<comment>.*?)\*/)?$")]
    private static partial Regex FieldLine();

    [GeneratedRegex(@"^typedef (?<ret>[\w\s\*]+?)\s*\(\*(?<name>\w+)\)\((?<params>[^)]*)\);$")]
    private static partial Regex CallbackLine();

    [GeneratedRegex(@"^OCR_API (?<ret>[\w\s\*]*?[\s\*])\(?(?<name>\w+)\)?\((?<params>[^)]*)\);$")]
    private static partial Regex FunctionLine();

    [GeneratedRegex(@"^(?<type>.*?[\s\*])(?<name>\w+)$")]
    private static partial Regex DeclarationName();

    [GeneratedRegex(@"\bsince (\d+)\.(\d+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Since();

    /// <summary>The version a "since 1.x" (or "Since 1.x.") in a comment names, if it has one.</summary>
    private static AbiVersion? VersionIn(string comment) => Since().Match(comment) is { Success: true } note
        ? new AbiVersion(int.Parse(note.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(note.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))
        : null;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
