namespace DeepSeekOcr.Client.Tests.Support;

/// <summary>Waits for something another thread makes true (a server having read a request), failing instead of hanging.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{what} did not happen within {Patience.TotalSeconds} s");
            }

            await Task.Delay(5);
        }
    }
}
