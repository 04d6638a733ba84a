using System.Collections.Generic;
using System.Linq;
using LieInter.Generators.Emit;
using LieInter.Generators.Parsing;
using LieInter.Generators.Spec;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LieInter.Generators;

/// <summary>
/// Incremental generator: for every partial class with [Assignment] methods it parses the model into a
/// value-equatable <see cref="ModelSpec"/> (lowering each assignment to the IR) and emits the implementation of
/// <c>LieInter.Modeling.IEquilibriumModel</c>: residual, fused JVP, VJP, Jacobian rows, layout and causal graph.
/// Invalid models produce nothing; the analyzers explain why.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    public const string SpecStep = "LieInter.ModelSpec";
    public const string OutputStep = "LieInter.ValidModels";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var specs = context.SyntaxProvider.ForAttributeWithMetadataName(
                ModelParser.AssignmentAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => Transform(ctx, ct))
            .WithTrackingName(SpecStep);

        var valid = specs.Where(static s => s is not null).Select(static (s, _) => s!).WithTrackingName(OutputStep);

        context.RegisterSourceOutput(valid, static (spc, spec) =>
        {
            string text;
            try
            {
                text = ModelEmitter.Emit(spec);
            }
            catch (System.Exception)
            {
                // Never throw from a generator (CS8785): an emitter bug must not break the user's build;
                // the model simply gets no generated code and the missing interface shows up at the call site.
                return;
            }

            spc.AddSource(spec.HintName, text);
        });
    }

    private static ModelSpec? Transform(GeneratorAttributeSyntaxContext ctx, System.Threading.CancellationToken ct)
    {
        try
        {
            if (ctx.TargetSymbol is not IMethodSymbol method || method.ContainingType is not INamedTypeSymbol type)
            {
                return null;
            }

            // One spec per model: only the first [Assignment] method of the type (in member order) produces it.
            var first = type.GetMembers().OfType<IMethodSymbol>().FirstOrDefault(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ModelParser.AssignmentAttribute));
            if (!SymbolEqualityComparer.Default.Equals(first, method))
            {
                return null;
            }

            var problems = new List<Problem>();
            return ModelParser.Parse(type, ctx.SemanticModel.Compilation, problems, ct);
        }
        catch (System.OperationCanceledException)
        {
            throw;
        }
        catch (System.Exception)
        {
            return null;
        }
    }
}
