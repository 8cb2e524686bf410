namespace DeepSeekOcr.Benchmarks.Infrastructure;

/// <summary>
/// Every benchmark is run once in setup and its answer compared with what the input holds: a fast wrong answer
/// fails the run instead of topping the table.
/// </summary>
public static class ResultCheck
{
    public static void Expect(string what, long expected, long actual)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"{what} produced {actual} where {expected} was expected: the benchmark would measure a wrong answer");
        }
    }
}
