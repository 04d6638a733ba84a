using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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
    /// <summary>Property of a LIE0201 "cycle without solvability" diagnostic: present (empty value) on that case only,
    /// so the code fix does not offer to add a declaration when an existing one is merely invalid.</summary>
    public const string MissingSolvabilityProperty = "MissingSolvability";

    /// <summary>Property of a LIE0201 diagnostic: the one double[,] or SparseMatrix parameter of a model proved affine
    /// in the state, for which [Solvability(SpectralRadius, Parameter = ...)] is the natural condition.</summary>
    public const string SpectralRadiusParameterProperty = "SpectralRadiusParameter";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // Nothing to do in a compilation that does not reference the runtime's attributes.
            if (start.Compilation.GetTypeByMetadataName(ModelParser.NodeAttribute) is null
                && start.Compilation.GetTypeByMetadataName(ModelParser.AssignmentAttribute) is null)
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
            if (context.Symbol is not INamedTypeSymbol type || !ModelParser.IsModelType(type))
            {
                return;
            }

            foreach (var diagnostic in Analyze(type, context.Compilation, context.CancellationToken))
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
            // An analyzer must never crash the IDE or the build (AD0001). A parser bug only loses diagnostics;
            // the generator, which runs the same parser, then emits nothing for the model, which still fails loudly.
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
            if (!seen.Add((p.Id, p.Message, location)))
            {
                continue;
            }

            ImmutableDictionary<string, string?>? properties = null;
            if (p.Id == ProblemIds.CycleWithoutSolvability && !parsed.HasSolvability && cycleLocation is not null && cycleLocation.Equals(location))
            {
                properties = ImmutableDictionary<string, string?>.Empty.Add(MissingSolvabilityProperty, "");
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
