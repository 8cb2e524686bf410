namespace DeepSeekOcr.Client.Tests.Support;

/// <summary>
/// A <see cref="MockServerFixture"/> whose tests also write image files: each test gets an empty directory of its
/// own, deleted after it, so no test reads a file another one left behind.
/// </summary>
public abstract class MockServerWithFilesFixture : MockServerFixture
{
    private TempDirectory? _files;

    internal TempDirectory Files => _files ?? throw new InvalidOperationException("the test has no directory");

    [SetUp]
    public void CreateFiles() => _files = new TempDirectory();

    [TearDown]
    public void DeleteFiles() => _files?.Dispose();
}
