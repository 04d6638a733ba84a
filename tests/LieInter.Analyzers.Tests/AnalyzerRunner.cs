using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LieInter.Analyzers.Tests;

/// <summary>Runs the analyzer (and code fixes) directly, without the testing framework: for message checks, the
/// malformed corpus and listing the code actions offered.</summary>
internal static class AnalyzerRunner
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Models",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Model{i}.cs")),
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The analyzer's diagnostics, and every exception an analyzer action threw (the framework would turn
    /// each into AD0001).</summary>
    public static async Task<(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<Exception> Exceptions)> RunAsync(Compilation compilation)
    {
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (e, _, _) => { lock (exceptions) { exceptions.Add(e); } },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ModelAnalyzer()), options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        return (diagnostics.Where(d => d.Id.StartsWith("LIE", StringComparison.Ordinal) || d.Id == "AD0001").ToImmutableArray(), exceptions);
    }

    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(string source)
    {
        var (diagnostics, exceptions) = await RunAsync(Compilation(TestReferences.Usings + source));
        Assert.Empty(exceptions);
        return diagnostics;
    }

    /// <summary>The code actions <paramref name="provider"/> offers for the diagnostics it fixes in <paramref name="source"/>.</summary>
    public static async Task<IReadOnlyList<CodeAction>> CodeActionsAsync(string source, CodeFixProvider provider)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("Models", LanguageNames.CSharp)
            .WithMetadataReferences(TestReferences.All)
            .WithParseOptions(ParseOptions)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var document = project.AddDocument("Model.cs", TestReferences.Usings + source);
        var compilation = await document.Project.GetCompilationAsync() ?? throw new InvalidOperationException("no compilation");
        var (diagnostics, exceptions) = await RunAsync(compilation);
        Assert.Empty(exceptions);
        var actions = new List<CodeAction>();
        foreach (var d in diagnostics.Where(d => provider.FixableDiagnosticIds.Contains(d.Id)))
        {
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, d, (a, _) => actions.Add(a), CancellationToken.None));
        }

        return actions;
    }
}
