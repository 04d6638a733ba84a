using System.Collections.Concurrent;
using LieInter.Generators;
using LieInter.Generators.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LieInter.Analyzers.Tests;

/// <summary>
/// Over the generator tests' malformed corpus (1,000+ truncated and mutated models): the analyzer never throws (no
/// AD0001, and nothing caught and swallowed inside it), and it agrees with the generator: a model gets generated code
/// exactly when the analyzer reports no error for it or a type containing it.
/// </summary>
public class RobustnessTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void AnalyzerNeverThrowsAndAgreesWithTheGeneratorOverTheMalformedCorpus()
    {
        int swallowedBefore = ModelAnalyzer.SwallowedExceptions;
        var corpus = MalformedCorpus.Build();
        Assert.True(corpus.Count >= 1000, $"only {corpus.Count} sources");
        var failures = new ConcurrentBag<string>();
        int generated = 0, rejected = 0, diagnosticsTotal = 0;
        var idsSeen = new ConcurrentDictionary<string, int>();
        Parallel.ForEach(corpus, new ParallelOptions { MaxDegreeOfParallelism = 2 }, item =>
        {
            var (label, source) = item;
            try
            {
                var compilation = AnalyzerRunner.Compilation(source, "global using System;\nglobal using LieInter;\n");

                // 1. Through the analyzer driver, as the compiler and the IDE run it.
                var (diagnostics, exceptions) = AnalyzerRunner.RunAsync(compilation).GetAwaiter().GetResult();
                foreach (var e in exceptions)
                {
                    failures.Add($"{label}: analyzer exception {e.GetType().Name}: {e.Message}");
                }

                foreach (var d in diagnostics.Where(d => d.Id == "AD0001"))
                {
                    failures.Add($"{label}: {d}");
                }

                Interlocked.Add(ref diagnosticsTotal, diagnostics.Length);
                foreach (var d in diagnostics)
                {
                    idsSeen.AddOrUpdate(d.Id, 1, (_, n) => n + 1);
                }

                // 2. Each model's verdict: blocked when the analysis of the model, or of a type containing it, reported
                // an error (every diagnostic names the type whose analysis reported it).
                var errorsBy = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
                    .Select(d => d.Properties.TryGetValue(ModelAnalyzer.TypeProperty, out var t) ? t : null).ToHashSet();
                var blocked = new Dictionary<string, bool>();
                foreach (var tree in compilation.SyntaxTrees)
                {
                    var semantic = compilation.GetSemanticModel(tree);
                    foreach (var decl in tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>())
                    {
                        if (semantic.GetDeclaredSymbol(decl) is INamedTypeSymbol type && Generators.Parsing.ModelParser.IsModelType(type))
                        {
                            bool isBlocked = false;
                            for (var t = type; t is not null; t = t.ContainingType)
                            {
                                isBlocked |= errorsBy.Contains(t.ToDisplayString());
                            }

                            blocked[type.ToDisplayString()] = isBlocked;
                        }
                    }
                }

                // 3. The generator on the same compilation.
                var driver = CSharpGeneratorDriver.Create(new[] { new ModelGenerator().AsSourceGenerator() }, parseOptions: AnalyzerRunner.ParseOptions)
                    .RunGenerators(compilation);
                var hints = driver.GetRunResult().Results.Single().GeneratedSources
                    .Select(s => s.HintName.Substring(0, s.HintName.Length - ".LieInter.g.cs".Length)).ToHashSet();
                foreach (var (type, isBlocked) in blocked)
                {
                    if (isBlocked == hints.Contains(type))
                    {
                        failures.Add($"{label}: {type} {(isBlocked ? "has analyzer errors but was generated" : "has no analyzer error but was not generated")}");
                    }
                }

                Interlocked.Add(ref generated, blocked.Count(b => !b.Value));
                Interlocked.Add(ref rejected, blocked.Count(b => b.Value));
            }
            catch (Exception e)
            {
                failures.Add($"{label}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(25)));
        Assert.Equal(swallowedBefore, ModelAnalyzer.SwallowedExceptions);
        // The corpus exercises both outcomes and most of the ids.
        Assert.True(generated > 30 && rejected > 300, $"{corpus.Count} sources: {generated} models generated, {rejected} rejected");
        var usage = string.Join(", ", idsSeen.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}: {kv.Value}"));
        output.WriteLine($"{corpus.Count} sources, {generated} models generated, {rejected} rejected; diagnostics {usage}");
        Assert.True(idsSeen.Keys.Count(k => k.StartsWith("LIE", StringComparison.Ordinal)) >= 7, usage);
        Assert.True(diagnosticsTotal > corpus.Count / 2, usage);
    }
}
