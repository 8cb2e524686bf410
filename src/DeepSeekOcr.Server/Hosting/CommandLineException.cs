namespace DeepSeekOcr.Server.Hosting;

/// <summary>A command line the server cannot run with; the message names the argument.</summary>
public sealed class CommandLineException(string message) : Exception(message);
