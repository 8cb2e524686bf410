using System.Text.Json.Serialization;

namespace DeepSeekOcr.Protocol;

/// <summary>
/// Source-generated serialization for every type on the wire: nothing here is ever serialized by reflection,
/// so the client and the server publish with Native AOT and no trim warning. Nulls are left out of what is
/// written, so an option the caller did not set is not sent.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(List<ContentPart>))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
