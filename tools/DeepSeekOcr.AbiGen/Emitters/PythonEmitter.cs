using System.Text;
using DeepSeekOcr.AbiGen.Model;

namespace DeepSeekOcr.AbiGen.Emitters;

/// <summary>
/// The thin Python layer (bindings/python/src/deepseek_ocr/_ctypes.py): the header one to one in ctypes, each
/// function with its argtypes and restype and the header's comment and prototype above it.
/// </summary>
internal static class PythonEmitter
{
    public static IEnumerable<GeneratedFile> Emit(Abi abi)
    {
        var text = new StringBuilder();
        text.Append($"# {GeneratedFile.Notice}\n");
        text.Append(""""
            """The thin layer: native/include/deepseek_ocr.h mirrored one to one in ctypes.

            Nothing here adds behaviour. Each binding carries the C prototype above it; every function gets its argtypes and
            restype, so ctypes converts and checks arguments instead of guessing. Structs list their fields in the header's
            order, because the library reads them by offset (tests/test_abi_layout.py checks every offset).
            """

            from __future__ import annotations

            import ctypes
            import enum
            from ctypes import (
                CFUNCTYPE,
                POINTER,
                Structure,
                c_char_p,
                c_double,
                c_int,
                c_int32,
                c_int64,
                c_size_t,
                c_uint8,
                c_uint32,
                c_uint64,
                c_void_p,
            )
            from typing import Any, List

            """");
        string[] version = abi.Version.Split('.');
        text.Append($"\nOCR_VERSION_MAJOR = {version[0]}\nOCR_VERSION_MINOR = {version[1]}\nOCR_VERSION_PATCH = {version[2]}\n");
        text.Append($"OCR_VERSION = \"{abi.Version}\"\n\n\n");

        text.Append($"class Status(enum.IntEnum):\n    \"\"\"typedef enum {abi.StatusEnumName}: values are never renumbered; new codes are only appended.\"\"\"\n\n");
        foreach (var member in abi.Statuses)
        {
            text.Append($"    {member.Name["OCR_".Length..]} = {member.Value}{TrailingComment(member.Comment)}\n");
        }

        foreach (var decl in abi.Enums)
        {
            string name = Naming.Pascal(Naming.WithoutPrefix(decl.Name));
            text.Append($"\n\nclass {name}(enum.IntEnum):\n    \"\"\"typedef enum {decl.Name}: {Docstring(decl.Doc)}\"\"\"\n\n");
            foreach (var member in decl.Members)
            {
                text.Append($"    {member.Name[decl.MemberPrefix.Length..]} = {member.Value}{TrailingComment(member.Comment)}\n");
            }
        }

        text.Append('\n');
        foreach (var opaque in abi.OpaqueTypes)
        {
            text.Append($"\n# typedef struct {opaque} {opaque}; (opaque)\n{opaque}_p = c_void_p");
        }

        text.Append($"\n# {abi.StatusEnumName} is a C enum: an int.\n{abi.StatusEnumName} = c_int\n");
        // Callbacks first: struct fields hold them (ocr_document_options.progress); they take only scalars and pointers.
        foreach (var callback in abi.Callbacks)
        {
            text.Append($"\n\n# typedef {callback.ReturnType} (*{callback.Name})({string.Join(", ", callback.Parameters.Select(p => $"{p.Type} {p.Name}"))});\n");
            text.Append("# A string followed by its length is c_void_p, so that ctypes does not stop at a NUL: read it with string_at.\n");
            text.Append($"{callback.Name} = CFUNCTYPE({ReturnOf(abi, callback.ReturnType)}, {string.Join(", ", ParameterTypes(abi, callback.Parameters, stringsWithLength: true))})\n");
        }

        foreach (var decl in abi.Structs)
        {
            text.Append($"\n\nclass {decl.Name}(Structure):\n    \"\"\"typedef struct {decl.Name} {{ ... }} {decl.Name};");
            text.Append(decl.Doc.Length > 0 ? $" {Docstring(decl.Doc)}\"\"\"\n\n" : "\"\"\"\n\n");
            text.Append("    _fields_ = [\n");
            for (int index = 0; index < decl.Fields.Count; index++)
            {
                var field = decl.Fields[index];
                bool hasLength = index + 1 < decl.Fields.Count && decl.Fields[index + 1].Name == field.Name + "_len";
                text.Append($"        (\"{field.Name}\", {TypeOf(abi, field.Type, hasLength)}),{TrailingComment(field.Comment)}\n");
            }

            text.Append("    ]\n");
        }

        text.Append("\n\nclass NativeLibrary:\n    \"\"\"The exported functions of one loaded libdeepseek_ocr, each with its argtypes and restype.\"\"\"\n\n");
        text.Append("    def __init__(self, cdll: ctypes.CDLL, path: str) -> None:\n        self.path = path\n");
        foreach (var function in abi.Functions)
        {
            text.Append('\n');
            foreach (string line in function.Doc.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                text.Append($"        # {line}\n");
            }

            text.Append($"        # OCR_API {function.Prototype};\n");
            text.Append($"        self.{function.Name} = _bind(\n            cdll, \"{function.Name}\", [{string.Join(", ", ParameterTypes(abi, function.Parameters, stringsWithLength: false))}], {ReturnOf(abi, function.ReturnType)}\n        )\n");
        }

        text.Append("""


            def _bind(cdll: ctypes.CDLL, name: str, argtypes: List[Any], restype: Any) -> Any:
                function = getattr(cdll, name)
                function.argtypes = argtypes
                function.restype = restype
                return function

            """);
        yield return new GeneratedFile("bindings/python/src/deepseek_ocr/_ctypes.py", text.ToString());
    }

    /// <summary>A header comment as one line of a docstring: its backslashes kept as written.</summary>
    private static string Docstring(string doc) => Naming.OneLine(doc).Replace("\\", "\\\\", StringComparison.Ordinal);

    private static string TrailingComment(string comment) => comment.Length > 0 ? $"  # {comment}" : "";

    /// <summary>The parameters' ctypes types; in a callback, a string followed by a size_t is read by its length.</summary>
    private static IEnumerable<string> ParameterTypes(Abi abi, IReadOnlyList<Parameter> parameters, bool stringsWithLength) =>
        parameters.Select((p, index) => TypeOf(abi, p.Type, stringsWithLength && index + 1 < parameters.Count && parameters[index + 1].Type is { Name: "size_t", PointerDepth: 0 }));

    private static string ReturnOf(Abi abi, CType type) => type is { Name: "void", PointerDepth: 0 } ? "None" : TypeOf(abi, type, hasLength: false);

    /// <summary>The ctypes type of a C type; a string followed by its length becomes c_void_p (it may hold NULs).</summary>
    private static string TypeOf(Abi abi, CType type, bool hasLength)
    {
        if (type.PointerDepth == 1 && type.Name == "char")
        {
            return hasLength ? "c_void_p" : "c_char_p";
        }

        if (type.PointerDepth == 1 && type.Name == "void")
        {
            return "c_void_p";
        }

        string pointee = abi.IsOpaque(type.Name) ? $"{type.Name}_p" : Scalar(abi, type.Name);
        int depth = abi.IsOpaque(type.Name) ? type.PointerDepth - 1 : type.PointerDepth;
        for (int level = 0; level < depth; level++)
        {
            pointee = $"POINTER({pointee})";
        }

        return pointee;
    }

    private static string Scalar(Abi abi, string name)
    {
        if (abi.FindStruct(name) is not null || abi.Callbacks.Any(c => c.Name == name) || name == abi.StatusEnumName)
        {
            return name;
        }

        return name switch
        {
            "uint8_t" => "c_uint8",
            "int" => "c_int",
            "int32_t" => "c_int32",
            "uint32_t" => "c_uint32",
            "int64_t" => "c_int64",
            "uint64_t" => "c_uint64",
            "size_t" => "c_size_t",
            "double" => "c_double",
            _ => throw new FormatException($"no ctypes type chosen for the C type '{name}'"),
        };
    }
}
