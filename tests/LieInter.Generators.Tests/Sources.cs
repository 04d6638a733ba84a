using System.Runtime.CompilerServices;

namespace LieInter.Generators.Tests;

/// <summary>Locates source files of the repository from the test's own source path.</summary>
internal static class Sources
{
    public static string RepositoryRoot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));

    public static string ProjectDirectory([CallerFilePath] string here = "") => Path.GetDirectoryName(here)!;

    /// <summary>The derivative corpus compiled by LieInter.Runtime.Tests: the models the snapshots cover.</summary>
    public static string Corpus => File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "LieInter.Runtime.Tests", "Generated", "Corpus.cs"));

    /// <summary>The corpus split into one source per top-level type, each with the corpus's usings.</summary>
    public static IReadOnlyList<(string Name, string Source)> CorpusTypes()
    {
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Corpus);
        var root = (Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax)tree.GetRoot();
        var ns = root.Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseNamespaceDeclarationSyntax>().Single();
        return ns.Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax>()
            .Select(t => (t.Identifier.Text, $"namespace {ns.Name};\n\n{t.ToFullString()}"))
            .ToList();
    }
}
