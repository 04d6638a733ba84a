using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LieInter.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace LieInter.Analyzers;

/// <summary>
/// The one table of LieInter diagnostics, grouped by band: usage (LIE00xx: how a model is declared), smoothness
/// (LIE01xx: what the generator can differentiate) and structure (LIE02xx: solvability, interventions, invariance,
/// compartments). Ids are the parser's <see cref="ProblemIds"/>; every descriptor's help link is its page under
/// <see cref="HelpLinkBase"/>.
/// </summary>
public static class DiagnosticDescriptors
{
    /// <summary>Where the pages <c>LIEnnnn.md</c> live; each descriptor links to <c>HelpLinkBase + id + ".md"</c>.</summary>
    public const string HelpLinkBase = "https://github.com/lieinter/lieinter/blob/main/docs/diagnostics/";

    public const string UsageCategory = "LieInter.Usage";
    public const string SmoothnessCategory = "LieInter.Smoothness";
    public const string StructureCategory = "LieInter.Structure";

    // ------------------------------------------------------------------ usage (LIE00xx): errors, block generation

    public static readonly DiagnosticDescriptor NotPartial = new(
        ProblemIds.NotPartial,
        "Model type must be partial",
        "{0}",
        UsageCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A type with [Node] or [Assignment] members, and every type containing it, must be declared partial so the generator can add the model's derivative code.",
        helpLinkUri: HelpLinkBase + ProblemIds.NotPartial + ".md");

    public static readonly DiagnosticDescriptor NodeWithoutAssignment = new(
        ProblemIds.NodeWithoutAssignment,
        "Node has no assignment",
        "{0}",
        UsageCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Every [Node] needs exactly one [Assignment] method: the structural equation x_j := f_j(Pa_j, theta_j) of the model.",
        helpLinkUri: HelpLinkBase + ProblemIds.NodeWithoutAssignment + ".md");

    public static readonly DiagnosticDescriptor UnknownOrDuplicateAssignment = new(
        ProblemIds.UnknownOrDuplicateAssignment,
        "Assignment names an unknown node or a node that already has one",
        "{0}",
        UsageCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An [Assignment] must name a [Node] of its model, and no node may have two assignments.",
        helpLinkUri: HelpLinkBase + ProblemIds.UnknownOrDuplicateAssignment + ".md");

    public static readonly DiagnosticDescriptor SignatureMismatch = new(
        ProblemIds.SignatureMismatch,
        "Assignment or member does not match its node",
        "{0}",
        UsageCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A scalar node (double) is assigned by an instance method 'double F()', a vector node (double[]) by 'double F(int i)' for element i; nodes and parameters are writable instance members.",
        helpLinkUri: HelpLinkBase + ProblemIds.SignatureMismatch + ".md");

    // ------------------------------------------------------------------ smoothness (LIE01xx): errors, block generation

    public static readonly DiagnosticDescriptor NonSmooth = new(
        ProblemIds.NonSmooth,
        "Non-smooth operation in an assignment",
        "{0}",
        SmoothnessCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Assignments must be smooth (Def. 1): Math.Abs, Min, Max, Floor, Ceiling, Round, Truncate, Sign, Clamp, %, casts to integer types and branches on node or parameter values have no derivative where they switch. Use LieInter.Smooth counterparts.",
        helpLinkUri: HelpLinkBase + ProblemIds.NonSmooth + ".md");

    public static readonly DiagnosticDescriptor Impure = new(
        ProblemIds.Impure,
        "Impure assignment",
        "{0}",
        SmoothnessCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An assignment may read only nodes, parameters, constants and locals, and may write only locals: anything else (mutable static state, unmarked fields, Random, DateTime, I/O, writes to nodes or parameters) is invisible to the derivatives.",
        helpLinkUri: HelpLinkBase + ProblemIds.Impure + ".md");

    public static readonly DiagnosticDescriptor Unsupported = new(
        ProblemIds.Unsupported,
        "Construct the generator cannot differentiate",
        "{0}",
        SmoothnessCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generator differentiates a subset of C#: double and int locals, arithmetic, the smooth-function table, for loops with bounds independent of nodes, and [Smooth] helpers. Anything else stops generation for the model.",
        helpLinkUri: HelpLinkBase + ProblemIds.Unsupported + ".md");

    // ------------------------------------------------------------------ structure (LIE02xx)

    public static readonly DiagnosticDescriptor CycleWithoutSolvability = new(
        ProblemIds.CycleWithoutSolvability,
        "Cyclic model without a valid solvability condition",
        "{0}",
        StructureCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A cyclic model has an equilibrium only under a condition (Def. 2, Prop. 1); declare it with [Solvability(...)] (contraction bound, spectral radius of a matrix parameter, or a custom check) so the runtime verifies it before solving.",
        helpLinkUri: HelpLinkBase + ProblemIds.CycleWithoutSolvability + ".md");

    public static readonly DiagnosticDescriptor BadIntervention = new(
        ProblemIds.BadIntervention,
        "Invalid Lie intervention",
        "{0}",
        StructureCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A [LieIntervention] (Def. 3) names a Lie group type implementing LieInter.ILieGroup<TSelf> and targets that are nodes or parameters of the model.",
        helpLinkUri: HelpLinkBase + ProblemIds.BadIntervention + ".md");

    public static readonly DiagnosticDescriptor ImpossibleInvariance = new(
        ProblemIds.ImpossibleInvariance,
        "Invariant intervention cannot hold structurally",
        "{0}",
        StructureCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An invariant soft intervention (Def. 4) needs an intervened node i, an invariant node j != i and an auxiliary node k != i with parents, from which j can be reached (Prop. 3).",
        helpLinkUri: HelpLinkBase + ProblemIds.ImpossibleInvariance + ".md");

    public static readonly DiagnosticDescriptor CompartmentLeak = new(
        ProblemIds.CompartmentLeak,
        "Compartments are not isolated",
        "{0}",
        StructureCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Compartments (Def. 5) partition the nodes, and every node with an arrow into another compartment must be made invariant by an [InvariantIntervention] (Prop. 4); otherwise interventions leak between compartments.",
        helpLinkUri: HelpLinkBase + ProblemIds.CompartmentLeak + ".md");

    /// <summary>Every descriptor, in id order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        NotPartial, NodeWithoutAssignment, UnknownOrDuplicateAssignment, SignatureMismatch,
        NonSmooth, Impure, Unsupported,
        CycleWithoutSolvability, BadIntervention, ImpossibleInvariance, CompartmentLeak);

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = All.ToDictionary(d => d.Id);

    /// <summary>The descriptor of a parser problem id, or null for an id this table does not know.</summary>
    public static DiagnosticDescriptor? ForId(string id) => ById.TryGetValue(id, out var d) ? d : null;
}
