using System.Text.Json.Serialization;

namespace DeepSeekOcr.Fuzz;

[JsonSerializable(typeof(string))]
internal sealed partial class FuzzJsonContext : JsonSerializerContext;
