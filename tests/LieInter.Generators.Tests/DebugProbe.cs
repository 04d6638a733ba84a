namespace LieInter.Generators.Tests;

public class DebugProbe
{
    [Fact]
    public void CorpusParses()
    {
        var src = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "../../../../LieInter.Runtime.Tests/Generated/Corpus.cs"));
        var problems = GeneratorHarness.Problems(src);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
