using DeepSeekOcr.AbiGen.Model;

namespace DeepSeekOcr.AbiGen.Emitters;

/// <summary>
/// The Python type an editor or type checker should see for a C parameter or return value of an exported function:
/// what ctypes takes or gives for it (a handle as its address, a pointer as a pointer object or <c>byref()</c>), not
/// the ctypes type it is converted to. The aliases it names (Handle, Ref, FunctionPointer) head _ctypes.py.
/// </summary>
internal static class PythonAnnotations
{
    public static string Parameter(Abi abi, CType type)
    {
        if (type.PointerDepth == 0)
        {
            return Scalar(abi, type.Name);
        }

        if (type.PointerDepth == 1 && type.Name == "char")
        {
            return "Optional[bytes]";
        }

        if (type.PointerDepth == 1 && (type.Name == "void" || abi.IsOpaque(type.Name)))
        {
            return "Handle";
        }

        return $"Ref[{Pointee(abi, type)}]";
    }

    public static string Return(Abi abi, CType type) => type switch
    {
        { Name: "void", PointerDepth: 0 } => "None",
        { Name: "char", PointerDepth: 1 } => "Optional[bytes]",
        { PointerDepth: 0 } => Scalar(abi, type.Name),
        _ => throw new FormatException($"no Python type chosen for the return type '{type}'"),
    };

    /// <summary>The Python type of what a pointer points to: a ctypes object of the pointee's type.</summary>
    private static string Pointee(Abi abi, CType type)
    {
        // An opaque T ** points to a handle, which ctypes holds as a c_void_p (the T_p alias).
        if (abi.IsOpaque(type.Name))
        {
            return Wrap($"{type.Name}_p", type.PointerDepth - 2);
        }

        string pointee = abi.FindStruct(type.Name) is not null ? type.Name : CtypesScalar(type.Name);
        return Wrap(pointee, type.PointerDepth - 1);
    }

    private static string Wrap(string pointee, int depth)
    {
        for (int level = 0; level < depth; level++)
        {
            pointee = $"_Pointer[{pointee}]";
        }

        return pointee;
    }

    private static string Scalar(Abi abi, string name)
    {
        if (abi.Callbacks.Any(c => c.Name == name))
        {
            return "FunctionPointer";
        }

        return name == abi.StatusEnumName ? "int" : name switch
        {
            "uint8_t" or "int" or "int32_t" or "uint32_t" or "int64_t" or "uint64_t" or "size_t" => "int",
            "double" => "float",
            _ => throw new FormatException($"no Python type chosen for the C type '{name}'"),
        };
    }

    /// <summary>The ctypes type of a C scalar: one table for the fields, the prototypes and their annotations.</summary>
    public static string CtypesScalar(string name) => name switch
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
