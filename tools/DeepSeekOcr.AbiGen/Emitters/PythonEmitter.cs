using System.Text;
using DeepSeekOcr.AbiGen.Model;

namespace DeepSeekOcr.AbiGen.Emitters;

/// <summary>
/// The thin Python layer (bindings/python/src/deepseek_ocr/_ctypes.py): the header one to one in ctypes, each
/// function a typed stub (<see cref="PythonAnnotations"/>) whose decorator names its argtypes and restype, with the
/// header's comment and prototype above it.
/// </summary>
internal static class PythonEmitter
{
    public static IEnumerable<GeneratedFile> Emit(Abi abi)
    {
        var text = new StringBuilder();
        text.Append($"# {GeneratedFile.Notice}\n");
        // The function stubs have no body by design: each loaded library's function takes its place.
        text.Append("# mypy: disable-error-code=\"empty-body\"\n");
        text.Append(""""
            """The thin layer: native/include/deepseek_ocr.h mirrored one to one in ctypes.

            Nothing here adds behaviour. Each function is a typed stub with the C prototype above it, so that editors and type
            checkers see its signature; its decorator gives the argtypes and restype the loaded library's function gets, so
            ctypes converts and checks arguments instead of guessing. Structs list their fields in the header's order,
            because the library reads them by offset (tests/test_abi_layout.py checks every offset).
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
            import functools
            from typing import TYPE_CHECKING, Any, Callable, List, NamedTuple, Optional, TypeVar, Union

            if TYPE_CHECKING:
                from ctypes import _CArgObject, _CData, _Pointer

                _CT = TypeVar("_CT", bound=_CData)

            #: A c_void_p as ctypes takes and gives it: an opaque handle (ocr_client *, ocr_multi *, ...) or a void *, as its
            #: address; None for NULL.
            Handle = Optional[int]
            #: What a pointer parameter takes: a pointer object (POINTER(T)()), or ctypes.byref() of the T it points to.
            Ref = Union["_Pointer[_CT]", "_CArgObject"]
            #: A callback made by its CFUNCTYPE type (ocr_stream_callback(function)); ctypes refuses a bare function.
            FunctionPointer = Callable[..., Any]

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

        text.Append(""""


            _F = TypeVar("_F", bound=Callable[..., Any])


            class _Prototype(NamedTuple):
                """An exported function: its name, argtypes and restype, and the typed stub that stands for it."""

                name: str
                argtypes: List[Any]
                restype: Any
                stub: Callable[..., Any]

                def bind(self, cdll: ctypes.CDLL) -> Any:
                    function = getattr(cdll, self.name)
                    function.argtypes = self.argtypes
                    function.restype = self.restype
                    # The stub's name, annotations and __wrapped__, so that help() and inspect show its signature.
                    return functools.update_wrapper(function, self.stub)


            # Every exported function, in the header's order: NativeLibrary binds them all in each library it loads.
            _PROTOTYPES: List[_Prototype] = []


            def ctypes_function(name: str, argtypes: List[Any], restype: Any) -> Callable[[_F], _F]:
                """llama-cpp-python's pattern: the typed stub it decorates is what editors and type checkers see, and the
                library's function of that name, with these argtypes and restype, takes its place in each NativeLibrary.
                Bound per library rather than at import, because a forked child loads a fresh copy of the library."""

                def register(stub: _F) -> _F:
                    _PROTOTYPES.append(_Prototype(name, argtypes, restype, stub))
                    return stub

                return register


            class NativeLibrary:
                """The exported functions of one loaded libdeepseek_ocr, each with its argtypes and restype (so that ctypes
                converts and checks arguments instead of guessing), declared below as typed stubs with the header's comment
                and prototype above them."""

                def __init__(self, cdll: ctypes.CDLL, path: str) -> None:
                    self.path = path
                    for prototype in _PROTOTYPES:  # AttributeError for a function the library lacks
                        setattr(self, prototype.name, prototype.bind(cdll))

            """");
        foreach (var function in abi.Functions)
        {
            text.Append('\n');
            foreach (string line in function.Doc.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                text.Append($"    # {line}\n");
            }

            text.Append($"    # OCR_API {function.Prototype};\n");
            text.Append("    @staticmethod\n");
            text.Append($"    @ctypes_function(\"{function.Name}\", [{string.Join(", ", ParameterTypes(abi, function.Parameters, stringsWithLength: false))}], {ReturnOf(abi, function.ReturnType)})\n");
            string parameters = string.Join(", ", function.Parameters.Select(p => $"{p.Name}: {PythonAnnotations.Parameter(abi, p.Type)}"));
            text.Append($"    def {function.Name}({parameters}) -> {PythonAnnotations.Return(abi, function.ReturnType)}: ...\n");
        }

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

        return PythonAnnotations.CtypesScalar(name);
    }
}
