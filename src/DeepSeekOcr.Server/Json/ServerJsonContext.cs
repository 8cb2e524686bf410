using System.Text.Json.Serialization;
using DeepSeekOcr.Protocol;

namespace DeepSeekOcr.Server.Json;

/// <summary>
/// The server's own source-generated serialization of the wire types. Unlike the client's context it writes nulls
/// (OpenAI's error objects always carry <c>param</c> and <c>code</c>, null when there is none) and reads requests
/// the way OpenAI's API does: <c>"stream": null</c> means false, and malformed content parts keep their full path.
/// </summary>
[JsonSourceGenerationOptions(Converters = [typeof(NullAsFalseConverter), typeof(ChatContentReader)])]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ModelInfo))]
[JsonSerializable(typeof(List<ContentPart>))]
[JsonSerializable(typeof(JsonModeAnswer))]
public sealed partial class ServerJsonContext : JsonSerializerContext;
