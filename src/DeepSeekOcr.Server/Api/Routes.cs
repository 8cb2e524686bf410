namespace DeepSeekOcr.Server.Api;

/// <summary>The paths the server answers, as the hosted service and vLLM name them.</summary>
public static class Routes
{
    public const string ChatCompletions = "/v1/chat/completions";
    public const string Models = "/v1/models";
    public const string Health = "/health";
}
