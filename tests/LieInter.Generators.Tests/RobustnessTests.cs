using LieInter.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace LieInter.Generators.Tests;

/// <summary>The generator never throws and emits nothing for invalid models, over the malformed corpus.</summary>
public class RobustnessTests
{
    [Fact]
    public void GeneratorNeverThrowsAndEmitsNothingForInvalidModels()
    {
        var corpus = MalformedCorpus.Build();
        Assert.True(corpus.Count >= 1000, $"only {corpus.Count} sources");
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        int generatedTotal = 0, rejectedTotal = 0;
        Parallel.ForEach(corpus, new ParallelOptions { MaxDegreeOfParallelism = 2 }, item =>
        {
            var (label, source) = item;
            try
            {
                var compilation = GeneratorHarness.Compilation(source);
                var driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
                var result = driver.GetRunResult().Results.Single();
                if (result.Exception is not null || diagnostics.Any(d => d.Id == "CS8785"))
                {
                    failures.Add($"{label}: generator threw {result.Exception?.GetType().Name}: {result.Exception?.Message}");
                    return;
                }

                // What the parser (and so the analyzers) say about each model type; it must not throw either.
                var verdicts = new Dictionary<string, bool>();
                foreach (var tree in compilation.SyntaxTrees)
                {
                    var semantic = compilation.GetSemanticModel(tree);
                    foreach (var decl in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>())
                    {
                        if (semantic.GetDeclaredSymbol(decl) is INamedTypeSymbol type && ModelParser.IsModelType(type) && !verdicts.ContainsKey(type.ToDisplayString()))
                        {
                            var problems = new List<Problem>();
                            var spec = ModelParser.Parse(type, compilation, problems, default);
                            verdicts[type.ToDisplayString()] = spec is not null;
                            if (spec is null && !problems.Any(p => p.BlocksGeneration))
                            {
                                failures.Add($"{label}: {type.Name} rejected without a blocking problem");
                            }
                        }
                    }
                }

                foreach (var generated in result.GeneratedSources)
                {
                    string typeName = generated.HintName.Substring(0, generated.HintName.Length - ".LieInter.g.cs".Length);
                    if (!verdicts.TryGetValue(typeName, out bool valid) || !valid)
                    {
                        failures.Add($"{label}: generated {generated.HintName} for a model the parser rejects");
                    }

                    // Generated code must not add errors of its own.
                    var tree = output.SyntaxTrees.Single(t => t.FilePath.EndsWith(generated.HintName, StringComparison.Ordinal));
                    var errors = output.GetSemanticModel(tree).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                    if (errors.Count > 0 && !compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
                    {
                        failures.Add($"{label}: generated code for a clean source has errors: {errors[0]}");
                    }
                }

                Interlocked.Add(ref generatedTotal, result.GeneratedSources.Length);
                Interlocked.Add(ref rejectedTotal, verdicts.Count(v => !v.Value));
            }
            catch (Exception e)
            {
                failures.Add($"{label}: {e.GetType().Name}: {e.Message}");
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(25)));
        // The corpus exercises both outcomes.
        Assert.True(generatedTotal > 30 && rejectedTotal > 300, $"{corpus.Count} sources: generated {generatedTotal}, rejected {rejectedTotal}");
    }
}
