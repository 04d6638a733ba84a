using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace LieInter.Analyzers.CodeFixes;

/// <summary>
/// LIE0101 on <c>Math.Abs</c>, <c>Math.Min</c> or <c>Math.Max</c> of doubles: rewrite the call to the runtime's smooth
/// counterpart <c>LieInter.Smooth.Abs/Min/Max</c>, whose smoothing width defaults to <c>Smooth.DefaultWidth</c>
/// (<c>Abs(x, w) = sqrt(x^2 + w^2) - w</c>, within w of |x|).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SmoothCallCodeFix))]
[Shared]
public sealed class SmoothCallCodeFix : CodeFixProvider
{
    public const string EquivalenceKeyPrefix = "LieInter.UseSmooth.";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticDescriptors.NonSmooth.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var semantic = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || semantic is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } node)
            {
                continue;
            }

            var invocation = node as InvocationExpressionSyntax ?? node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
            if (invocation is null || invocation.Span != diagnostic.Location.SourceSpan || SmoothName(invocation, semantic, context.CancellationToken) is not { } name)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Use the smooth LieInter.Smooth.{name} (width Smooth.DefaultWidth)",
                    ct => ReplaceAsync(context.Document, invocation, name, ct),
                    EquivalenceKeyPrefix + name),
                diagnostic);
        }
    }

    /// <summary>"Abs", "Min" or "Max" when the call is a double overload of one of them on System.Math or System.Double.</summary>
    internal static string? SmoothName(InvocationExpressionSyntax invocation, SemanticModel semantic, CancellationToken ct)
    {
        if (semantic.GetSymbolInfo(invocation, ct).Symbol is not IMethodSymbol method
            || !(method.ContainingType?.ToDisplayString() == "System.Math" || method.ContainingType?.SpecialType == SpecialType.System_Double)
            || method.Name is not ("Abs" or "Min" or "Max")
            || method.ReturnType.SpecialType != SpecialType.System_Double
            || method.Parameters.Any(p => p.Type.SpecialType != SpecialType.System_Double))
        {
            return null;
        }

        return method.Name;
    }

    private static async Task<Document> ReplaceAsync(Document document, InvocationExpressionSyntax invocation, string name, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // Keep the arguments; only the callee changes. Fully qualified, then simplified where 'using LieInter;' allows.
        var callee = SyntaxFactory.ParseExpression("global::LieInter.Smooth." + name)
            .WithTriviaFrom(invocation.Expression)
            .WithAdditionalAnnotations(Simplifier.Annotation);
        var replacement = invocation.WithExpression(callee);
        return document.WithSyntaxRoot(root.ReplaceNode(invocation, replacement));
    }
}
