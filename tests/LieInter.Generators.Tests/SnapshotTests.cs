namespace LieInter.Generators.Tests;

/// <summary>
/// Snapshots of the generated source for representative models, kept as plain <c>.verified.cs</c> files in
/// <c>Snapshots/</c>. On a mismatch the new text is written next to it as <c>.received.cs</c>; set
/// <c>LIEINTER_ACCEPT_SNAPSHOTS=1</c> to accept it.
/// </summary>
public class SnapshotTests
{
    public static TheoryData<string> Models => new()
    {
        "Motivating",             // eq. (4) with a distributed multiplicative intervention
        "DenseLeontief",          // x = A x + y
        "PriceModel",             // p = A^T p + beta delta_e
        "Rebound",                // quantities, prices and price-dependent demand
        "Functions",              // Exp, Log, Pow, Sqrt, Tanh and a [Smooth] helper
        "ParameterInterventions", // Lie interventions on parameters
        "LoopProducts",           // values overwritten in a loop: the adjoint tape
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void GeneratedSourceMatchesSnapshot(string model)
    {
        var (_, generated, diagnostics) = GeneratorHarness.Run(Sources.Corpus);
        Assert.Empty(diagnostics);
        var hint = generated.Keys.Single(k => k == $"LieInter.Tests.Generated.{model}.LieInter.g.cs");
        SnapshotAssert.Matches(generated[hint], model);
    }

    [Fact]
    public void EveryCorpusModelGeneratesAndTheResultCompilesWithoutWarnings()
    {
        var (output, generated, diagnostics) = GeneratorHarness.Run(Sources.Corpus);
        Assert.Empty(diagnostics);
        var models = Sources.CorpusTypes().Where(t => t.Name != "PowerGroup").Select(t => t.Name).ToList();
        Assert.Equal(models.Count, generated.Count);
        var problems = GeneratorHarness.CompileDiagnostics(output);
        Assert.True(problems.IsEmpty, string.Join("\n", problems.Take(20)));
    }

    [Fact]
    public void EveryGeneratedMemberIsMarkedAsGeneratedAndTheFileCarriesTheLegend()
    {
        var (_, generated, _) = GeneratorHarness.Run(Sources.Corpus);
        foreach (var (hint, text) in generated)
        {
            Assert.Contains("// Generated names:", text);
            var root = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(text).GetRoot();
            var members = root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax>()
                .Where(d => d is not Microsoft.CodeAnalysis.CSharp.Syntax.BaseNamespaceDeclarationSyntax)
                .Where(d => d.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax { Identifier.Text: not "__Offsets" })
                .ToList();
            Assert.NotEmpty(members);
            foreach (var member in members)
            {
                var names = member.AttributeLists.SelectMany(l => l.Attributes).Select(a => a.Name.ToString()).ToList();
                string where = $"{hint}: {member.ToString().Split('\n')[0].Trim()}";
                Assert.True(names.Any(n => n.EndsWith("GeneratedCode", StringComparison.Ordinal)), $"{where} has no [GeneratedCode]");
                if (member is not Microsoft.CodeAnalysis.CSharp.Syntax.FieldDeclarationSyntax)
                {
                    Assert.True(names.Any(n => n.EndsWith("DebuggerNonUserCode", StringComparison.Ordinal)), $"{where} has no [DebuggerNonUserCode]");
                    Assert.True(names.Any(n => n.EndsWith("ExcludeFromCodeCoverage", StringComparison.Ordinal)), $"{where} has no [ExcludeFromCodeCoverage]");
                }
            }
        }
    }
}

internal static class SnapshotAssert
{
    public static void Matches(string actual, string name)
    {
        string dir = Path.Combine(Sources.ProjectDirectory(), "Snapshots");
        Directory.CreateDirectory(dir);
        string verified = Path.Combine(dir, name + ".verified.cs");
        string received = Path.Combine(dir, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("LIEINTER_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, actual);
        }

        if (!File.Exists(verified))
        {
            File.WriteAllText(received, actual);
            Assert.Fail($"No snapshot for {name}; wrote {received}. Review it and rename to .verified.cs (or set LIEINTER_ACCEPT_SNAPSHOTS=1).");
        }

        string expected = File.ReadAllText(verified).Replace("\r\n", "\n");
        if (expected != actual)
        {
            File.WriteAllText(received, actual);
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            int line = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
            Assert.Fail($"Generated source for {name} differs from {verified} at line {line + 1}:\n expected: {(line < e.Length ? e[line] : "<end>")}\n actual:   {(line < a.Length ? a[line] : "<end>")}\nWrote {received}.");
        }

        if (File.Exists(received))
        {
            File.Delete(received);
        }
    }
}
