using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LieInter.Generators.Parsing;
using LieInter.Generators.Spec;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LieInter.Analyzers;

/// <summary>
/// Reports every problem the generator's parser finds in a model (a type with [Node] or [Assignment] members), plus the
/// structural checks of invariant interventions and compartments. The parser is the generator's own (linked source),
/// so a model the generator rejects always carries an error here, and a model it accepts never does.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class ModelAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Property of a LIE0201 "cycle without solvability" diagnostic on a model with no [Solvability] at all:
    /// the code fix adds a declaration then, and not when an existing one is merely invalid.</summary>
    public const string MissingSolvabilityProperty = "MissingSolvability";

    /// <summary>Property of a LIE0201 diagnostic: the one double[,] or SparseMatrix parameter of a model proved affine
    /// in the state, for which [Solvability(SpectralRadius, Parameter = ...)] is the natural condition.</summary>
    public const string SpectralRadiusParameterProperty = "SpectralRadiusParameter";

    /// <summary>Property of every diagnostic: the display name of the type whose analysis reported it (the model, or a
    /// type containing a model).</summary>
    public const string TypeProperty = "LieInter.Type";

    private static int s_swallowedExceptions;

    /// <summary>How many exceptions the analyzer has caught and swallowed in this process (a parser bug); tests assert
    /// it stays zero, since a swallowed exception is invisible otherwise.</summary>
    internal static int SwallowedExceptions => Volatile.Read(ref s_swallowedExceptions);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // Nothing to do in a compilation that does not reference the runtime's attributes. GetTypesByMetadataName,
            // not GetTypeByMetadataName: the latter gives null when two references define the type, which would
            // switch the analyzer off in exactly the projects that see the runtime twice.
            if (start.Compilation.GetTypesByMetadataName(ModelParser.NodeAttribute).IsEmpty
                && start.Compilation.GetTypesByMetadataName(ModelParser.AssignmentAttribute).IsEmpty)
            {
                return;
            }

            start.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        try
        {
            if (context.Symbol is not INamedTypeSymbol type)
            {
                return;
            }

            var diagnostics = ModelParser.IsModelType(type)
                ? Analyze(type, context.Compilation, context.CancellationToken)
                : ContainerDiagnostics(type, context.CancellationToken);
            foreach (var diagnostic in diagnostics)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception)
        {
            // An analyzer must never crash the IDE or the build (AD0001): a bug here only loses diagnostics. (A parser
            // exception also makes the generator, which runs the same parser, emit nothing for the model.)
            Interlocked.Increment(ref s_swallowedExceptions);
        }
    }

    /// <summary>The diagnostics of one model type (exposed for tests).</summary>
    internal static IReadOnlyList<Diagnostic> Analyze(INamedTypeSymbol type, Compilation compilation, System.Threading.CancellationToken ct)
    {
        var problems = new List<Problem>();
        var parsed = ModelParser.ParseModel(type, compilation, problems, ct);
        StructureChecks.Run(type, parsed, problems, ct);

        var typeLocation = type.Locations.FirstOrDefault(l => l.IsInSource);
        var cycleLocation = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(ct)).OfType<TypeDeclarationSyntax>().FirstOrDefault()?.Identifier.GetLocation();
        bool declaresSolvability = type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ModelParser.SolvabilityAttribute);
        var seen = new HashSet<(string, string, Location?)>();
        var result = new List<Diagnostic>();
        foreach (var p in problems)
        {
            var descriptor = DiagnosticDescriptors.ForId(p.Id);
            if (descriptor is null)
            {
                continue;
            }

            // Report only in this compilation's source; anything else (metadata, a missing location) goes on the type.
            var location = p.Location is { IsInSource: true } l && l.SourceTree is not null && compilation.ContainsSyntaxTree(l.SourceTree) ? l : typeLocation;

            // A containing type that is not partial is reported by the analysis of that type (ContainerDiagnostics),
            // where the diagnostic is local and so fixable in the editor.
            if (p.Id == ProblemIds.NotPartial && location is not null && !type.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == location.SourceTree && r.Span.Contains(location.SourceSpan)))
            {
                continue;
            }

            if (!seen.Add((p.Id, p.Message, location)))
            {
                continue;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(TypeProperty, type.ToDisplayString());
            if (p.Id == ProblemIds.CycleWithoutSolvability && !declaresSolvability && cycleLocation is not null && cycleLocation.Equals(location))
            {
                properties = properties.Add(MissingSolvabilityProperty, "");
                var spectral = SpectralRadiusCandidate(parsed);
                if (spectral is not null)
                {
                    properties = properties.Add(SpectralRadiusParameterProperty, spectral);
                }
            }

            result.Add(Diagnostic.Create(descriptor, location ?? Location.None, properties, p.Message));
        }

        return result;
    }

    /// <summary>LIE0001 for a type that is not a model but contains one (at any depth) and is not partial: the generator
    /// must reopen every containing type to add the model's code. Mirrors the parser's check of containing types.</summary>
    internal static IReadOnlyList<Diagnostic> ContainerDiagnostics(INamedTypeSymbol type, System.Threading.CancellationToken ct)
    {
        if (type.GetTypeMembers().Length == 0)
        {
            return Array.Empty<Diagnostic>();
        }

        var model = FirstNestedModel(type, depth: 0);
        if (model is null)
        {
            return Array.Empty<Diagnostic>();
        }

        var result = new List<Diagnostic>();
        foreach (var declaration in type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(ct)).OfType<TypeDeclarationSyntax>())
        {
            if (!declaration.Modifiers.Any(Microsoft.CodeAnalysis.CSharp.SyntaxKind.PartialKeyword))
            {
                var properties = ImmutableDictionary<string, string?>.Empty.Add(TypeProperty, type.ToDisplayString());
                result.Add(Diagnostic.Create(DiagnosticDescriptors.NotPartial, declaration.Identifier.GetLocation(), properties, $"Type '{type.Name}', which contains model '{model.Name}', must be partial."));
                break;
            }
        }

        return result;
    }

    private static INamedTypeSymbol? FirstNestedModel(INamedTypeSymbol type, int depth)
    {
        if (depth > 16)
        {
            return null;
        }

        foreach (var nested in type.GetTypeMembers())
        {
            if (ModelParser.IsModelType(nested))
            {
                return nested;
            }

            if (FirstNestedModel(nested, depth + 1) is { } deeper)
            {
                return deeper;
            }
        }

        return null;
    }

    /// <summary>The model's only matrix parameter when the whole model is known to be affine in the state.</summary>
    private static string? SpectralRadiusCandidate(ParsedModel model)
    {
        if (!model.GraphIsComplete || !model.IsAffineInState)
        {
            return null;
        }

        var matrices = model.Parameters.Where(p => p.Shape is ParamShape.Matrix or ParamShape.Sparse).ToList();
        return matrices.Count == 1 ? matrices[0].Name : null;
    }
}
