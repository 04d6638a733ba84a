using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LieInter.Generators.Tests;

/// <summary>The generator caches: a re-run on a cloned compilation recomputes nothing, an unrelated edit
/// regenerates nothing, and an edit to one assignment regenerates that model only.</summary>
public class IncrementalCacheTests
{
    private static readonly string[] TrackedSteps = [ModelGenerator.SpecStep, ModelGenerator.OutputStep];

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun()
    {
        var sources = Sources.CorpusTypes().Select(t => t.Source).Append("namespace Other; public static class Unrelated { public static int Answer() => 41; }").ToArray();
        var compilation = GeneratorHarness.Compilation(sources);
        var driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation);
        return (driver, compilation);
    }

    [Fact]
    public void RerunOnAClonedCompilationIsFullyCached()
    {
        var (driver, compilation) = FirstRun();
        var result = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();
        foreach (var step in TrackedSteps)
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output: {o.Reason}"));
    }

    [Fact]
    public void AnUnrelatedEditRegeneratesNothing()
    {
        var (driver, compilation) = FirstRun();
        var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("class Unrelated"));
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(tree.ToString().Replace("41", "42"), GeneratorHarness.ParseOptions, tree.FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();
        var reasons = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }

    [Fact]
    public void EditingOneAssignmentRegeneratesThatModelOnly()
    {
        var (driver, compilation) = FirstRun();
        var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("partial class PriceModel"));
        var text = tree.ToString().Replace("double s = Beta * EnergyIndicator[i];", "double s = 2 * Beta * EnergyIndicator[i];");
        Assert.NotEqual(tree.ToString(), text);
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, tree.FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var outputs = result.TrackedSteps[ModelGenerator.OutputStep].SelectMany(s => s.Outputs).ToList();
        var modified = outputs.Where(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New).ToList();
        Assert.Single(modified);
        Assert.Equal("PriceModel", ((dynamic)modified[0].Value).TypeName);
        Assert.All(outputs.Except(modified), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));

        var sourceOutputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Single(sourceOutputs, o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
        Assert.Contains(" = 2.0 * t", result.GeneratedSources.Single(s => s.HintName.Contains("PriceModel")).SourceText.ToString());
    }
}
