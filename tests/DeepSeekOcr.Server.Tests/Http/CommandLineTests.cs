using DeepSeekOcr.Server.Tests.Infrastructure;

namespace DeepSeekOcr.Server.Tests.Http;

/// <summary>The server's command line: help, bad arguments and missing language data end with a clear message.</summary>
[TestFixture]
public sealed class CommandLineTests
{
    [Test]
    public void Help_PrintsUsageAndExits0()
    {
        var (exitCode, stdout, _) = ServerProcess.Run("--help");

        Assert.That(exitCode, Is.Zero);
        Assert.That(stdout, Does.Contain("--api-key").And.Contain("DEEPSEEK_OCR_SERVER_URL="));
    }

    [Test]
    public void UnknownArgument_Exits2NamingIt()
    {
        var (exitCode, _, stderr) = ServerProcess.Run("--bogus");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("unknown argument '--bogus'"));
    }

    [Test]
    public void BadPort_Exits2()
    {
        var (exitCode, _, stderr) = ServerProcess.Run("--port", "70000");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--port must be a whole number from 0 to 65535"));
    }

    [TestCase("10.1.2.0/33")]
    [TestCase("not-a-network")]
    public void BadAllowedImageNetwork_Exits2(string network)
    {
        var (exitCode, _, stderr) = ServerProcess.Run("--allow-image-network", network);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain($"--allow-image-network needs networks such as 10.1.2.0/24 or fd00::/8, not '{network}'"));
    }

    [Test]
    public void NegativeMaxQueue_Exits2()
    {
        var (exitCode, _, stderr) = ServerProcess.Run("--max-queue", "-1");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--max-queue must be a whole number from 0"));
    }

    [Test]
    public void MissingLanguageData_Exits1SayingWhatToInstall()
    {
        var (exitCode, _, stderr) = ServerProcess.Run("--port", "0", "--lang", "xyz");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("tesseract-ocr-xyz"));
    }

    [Test]
    public void ApiKeyNeverAppearsInTheOutputOfAFailedStart()
    {
        var (_, stdout, stderr) = ServerProcess.Run("--api-key", "sk-secret-start-key", "--lang", "xyz");

        Assert.That(stdout + stderr, Does.Not.Contain("sk-secret-start-key"));
    }
}
