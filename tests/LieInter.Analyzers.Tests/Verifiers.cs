using System.Collections.Immutable;
using LieInter.Modeling;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace LieInter.Analyzers.Tests;

/// <summary>
/// Offline references for the Roslyn testing framework: .NET 10 reference assemblies from Basic.Reference.Assemblies
/// and the LieInter runtime, with no reference package to download.
/// </summary>
internal static class TestReferences
{
    /// <summary>A target framework with no NuGet package behind it: nothing is resolved or downloaded.</summary>
    public static readonly ReferenceAssemblies Net100 = new("net10.0");

    public static readonly ImmutableArray<MetadataReference> All =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(IEquilibriumModel).Assembly.Location))
            .ToImmutableArray();

    public const string Usings = "using System;\nusing LieInter;\n\nnamespace Models;\n\n";

    public static void Configure(SolutionState state)
    {
        state.AdditionalReferences.AddRange(All);
    }
}

/// <summary>Runs <see cref="ModelAnalyzer"/> on a source with markup: <c>{|LIE0101:span|}</c> marks each expected diagnostic.</summary>
internal static class AnalyzerVerifier
{
    public static Task VerifyAsync(string source)
    {
        var test = new CSharpAnalyzerTest<ModelAnalyzer, DefaultVerifier>
        {
            TestCode = TestReferences.Usings + source,
            ReferenceAssemblies = TestReferences.Net100,
        };
        TestReferences.Configure(test.TestState);
        return test.RunAsync();
    }
}

/// <summary>Runs a code fix: <paramref name="source"/> has the diagnostic markup, <paramref name="fixedSource"/> is the expected result.</summary>
internal static class CodeFixVerifier<TCodeFix>
    where TCodeFix : CodeFixProvider, new()
{
    public static Task VerifyAsync(string source, string fixedSource, string? equivalenceKey = null, int? iterations = null)
    {
        var test = new CSharpCodeFixTest<ModelAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = TestReferences.Usings + source,
            FixedCode = TestReferences.Usings + fixedSource,
            ReferenceAssemblies = TestReferences.Net100,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        if (iterations is int n)
        {
            test.NumberOfFixAllIterations = n;
            test.NumberOfIncrementalIterations = n;
        }

        TestReferences.Configure(test.TestState);
        TestReferences.Configure(test.FixedState);
        return test.RunAsync();
    }
}
