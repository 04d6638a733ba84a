using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace LieInter.Analyzers.CodeFixes;

/// <summary>
/// LIE0201 on a cyclic model with no solvability declaration: add
/// <c>[Solvability(SolvabilityKind.Contraction, Bound = 0.99)]</c>, and, when the model is affine in the state and has
/// exactly one double[,] or SparseMatrix parameter A, <c>[Solvability(SolvabilityKind.SpectralRadius, Parameter = nameof(A))]</c>
/// (Hawkins-Simon: x = A x + y has a unique nonnegative solution when the spectral radius of A is below 1).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddSolvabilityCodeFix))]
[Shared]
public sealed class AddSolvabilityCodeFix : CodeFixProvider
{
    public const string ContractionKey = "LieInter.AddSolvability.Contraction";
    public const string SpectralRadiusKey = "LieInter.AddSolvability.SpectralRadius";

    /// <summary>The contraction bound the fix writes: strictly below 1, as a contraction needs.</summary>
    public const double DefaultContractionBound = 0.99;

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticDescriptors.CycleWithoutSolvability.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(ModelAnalyzer.MissingSolvabilityProperty))
            {
                continue;
            }

            var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
            if (token.Parent is not TypeDeclarationSyntax declaration || declaration.Identifier != token)
            {
                continue;
            }

            if (diagnostic.Properties.TryGetValue(ModelAnalyzer.SpectralRadiusParameterProperty, out var matrix) && !string.IsNullOrEmpty(matrix))
            {
                string args = $"global::LieInter.SolvabilityKind.SpectralRadius, Parameter = nameof({matrix})";
                context.RegisterCodeFix(
                    CodeAction.Create($"Declare [Solvability(SpectralRadius, Parameter = nameof({matrix}))]", ct => AddAsync(context.Document, declaration, args, ct), SpectralRadiusKey),
                    diagnostic);
            }

            string contraction = "global::LieInter.SolvabilityKind.Contraction, Bound = " + DefaultContractionBound.ToString("R", CultureInfo.InvariantCulture);
            context.RegisterCodeFix(
                CodeAction.Create($"Declare [Solvability(Contraction, Bound = {DefaultContractionBound.ToString("R", CultureInfo.InvariantCulture)})]", ct => AddAsync(context.Document, declaration, contraction, ct), ContractionKey),
                diagnostic);
        }
    }

    private static async Task<Document> AddAsync(Document document, TypeDeclarationSyntax declaration, string arguments, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var attribute = SyntaxFactory.ParseCompilationUnit($"[global::LieInter.Solvability({arguments})] class C {{ }}")
            .DescendantNodes().OfType<AttributeListSyntax>().First()
            .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(declaration, AddAttribute(declaration, attribute)));
    }

    /// <summary>Inserts the attribute list after the existing ones (or first), on its own line with the type's indentation.</summary>
    internal static TypeDeclarationSyntax AddAttribute(TypeDeclarationSyntax declaration, AttributeListSyntax attribute)
    {
        var first = declaration.GetFirstToken();
        var leading = first.LeadingTrivia;

        // Indentation: the whitespace right before the declaration's first token.
        var indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia) ? leading[leading.Count - 1] : default;
        if (declaration.AttributeLists.Count > 0)
        {
            var list = attribute
                .WithLeadingTrivia(indentation == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(indentation))
                .WithTrailingTrivia(SyntaxFactory.TriviaList(EndOfLine(declaration)));
            return declaration.WithAttributeLists(declaration.AttributeLists.Add(list));
        }

        // No attributes yet: the new list takes the declaration's leading trivia (comments, indentation).
        var withoutLeading = declaration.ReplaceToken(first, first.WithLeadingTrivia(indentation == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(indentation)));
        var newList = attribute.WithLeadingTrivia(leading).WithTrailingTrivia(SyntaxFactory.TriviaList(EndOfLine(declaration)));
        return withoutLeading.WithAttributeLists(SyntaxFactory.SingletonList(newList));
    }

    private static SyntaxTrivia EndOfLine(SyntaxNode node)
    {
        foreach (var trivia in node.SyntaxTree.GetRoot().DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return trivia;
            }
        }

        return SyntaxFactory.LineFeed;
    }
}
