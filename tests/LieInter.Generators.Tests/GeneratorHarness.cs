using System.Collections.Immutable;
using LieInter.Generators.Parsing;
using LieInter.Modeling;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LieInter.Generators.Tests;

/// <summary>Compiles sources in memory against .NET 10 reference assemblies and the LieInter runtime, runs the
/// generator, and exposes what it produced.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        Basic.Reference.Assemblies.Net100.References.All
            .Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(IEquilibriumModel).Assembly.Location))
            .ToImmutableArray());

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private const string GlobalUsings = "global using System;\nglobal using LieInter;\n";

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Models",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Model{i}.cs"))
                .Append(CSharpSyntaxTree.ParseText(GlobalUsings, ParseOptions, path: "GlobalUsings.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: false));

    public static GeneratorDriver Driver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            new[] { new ModelGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator; returns the output compilation, the generated sources by hint name and the
    /// generator's own diagnostics.</summary>
    public static (Compilation Output, IReadOnlyDictionary<string, string> Generated, ImmutableArray<Diagnostic> Diagnostics) Run(params string[] sources)
    {
        var compilation = Compilation(sources);
        var driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult();
        var generated = result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        return (output, generated, diagnostics.AddRange(result.Diagnostics));
    }

    /// <summary>The problems the parser finds in every model type of the sources (what the analyzers report).</summary>
    public static List<Problem> Problems(params string[] sources)
    {
        var compilation = Compilation(sources);
        var problems = new List<Problem>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var decl in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(decl) is INamedTypeSymbol type && ModelParser.IsModelType(type))
                {
                    ModelParser.Parse(type, compilation, problems, default);
                }
            }
        }

        return problems;
    }

    /// <summary>Errors and warnings of a compilation, generated files included.</summary>
    public static ImmutableArray<Diagnostic> CompileDiagnostics(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
}
