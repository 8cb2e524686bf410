namespace DeepSeekOcr.Server.Api;

/// <summary>What every chunk of one answer repeats: its id, creation time and model.</summary>
public sealed record AnswerHeader(string Id, long Created, string Model);
