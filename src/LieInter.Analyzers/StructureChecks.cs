using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LieInter.Generators.Ir;
using LieInter.Generators.Parsing;
using LieInter.Structure;
using Microsoft.CodeAnalysis;

namespace LieInter.Analyzers;

/// <summary>
/// Structural checks of declared invariant interventions (LIE0203, Prop. 3) and compartments (LIE0204, Prop. 4) on the
/// causal graph the parser read off the assignments. When some assignment did not lower (an error is reported for it),
/// the graph lacks that node's incoming arrows: checks that a missing arrow could turn into a false alarm are then
/// skipped, those a missing arrow can only silence still run.
/// </summary>
internal static class StructureChecks
{
    public const string InvariantInterventionAttribute = "LieInter.InvariantInterventionAttribute";
    public const string CompartmentAttribute = "LieInter.CompartmentAttribute";

    public static void Run(INamedTypeSymbol type, ParsedModel model, List<Problem> problems, CancellationToken ct)
    {
        var invariants = CheckInvariantInterventions(type, model, problems, ct);
        CheckCompartments(type, model, invariants, problems, ct);
    }

    /// <summary>Checks every [InvariantIntervention]; returns those declared with known names, in declaration order.</summary>
    private static List<InvariantDeclaration> CheckInvariantInterventions(INamedTypeSymbol type, ParsedModel model, List<Problem> problems, CancellationToken ct)
    {
        var declarations = new List<InvariantDeclaration>();
        var nodeNames = new HashSet<string>(model.Nodes.Select(n => n.Name));
        var declaredInterventions = new HashSet<string>(type.GetAttributes()
            .Where(a => a.AttributeClass?.ToDisplayString() == ModelParser.LieInterventionAttribute)
            .Select(a => a.ConstructorArguments.Length > 0 ? a.ConstructorArguments[0].Value as string : null)
            .Where(n => n is not null)!);

        foreach (var attr in type.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == InvariantInterventionAttribute))
        {
            ct.ThrowIfCancellationRequested();
            var loc = attr.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation() ?? type.Locations.FirstOrDefault();
            var args = attr.ConstructorArguments;
            if (args.Length != 3 || args[0].Value is not string name || args[1].Value is not string invariant || args[2].Value is not string auxiliary)
            {
                problems.Add(new Problem(ProblemIds.ImpossibleInvariance, "An [InvariantIntervention] needs the names of a Lie intervention, an invariant node and an auxiliary node.", loc));
                continue;
            }

            bool namesOk = true;
            foreach (var (role, node) in new[] { ("invariant", invariant), ("auxiliary", auxiliary) })
            {
                if (!nodeNames.Contains(node))
                {
                    problems.Add(new Problem(ProblemIds.ImpossibleInvariance, $"The {role} node '{node}' of invariant intervention '{name}' is not a [Node] of '{type.Name}'.", loc));
                    namesOk = false;
                }
            }

            if (!declaredInterventions.Contains(name))
            {
                problems.Add(new Problem(ProblemIds.ImpossibleInvariance, $"'{name}' is not a [LieIntervention] declared on '{type.Name}'.", loc));
                continue;
            }

            // An intervention that did not parse is reported as LIE0202; nothing more can be said about it here.
            var intervention = model.Interventions.FirstOrDefault(i => i.Name == name);
            if (!namesOk)
            {
                continue;
            }

            int element = attr.NamedArguments.FirstOrDefault(a => a.Key == "InvariantElement").Value.Value is int e ? e : -1;
            var declaration = new InvariantDeclaration(name, invariant, auxiliary, element);
            declarations.Add(declaration);
            if (intervention is null)
            {
                continue;
            }

            string Via(string node) => intervention.Targets.Any(t => t.IsNode && t.Name == node) ? "it is a target of" : "its assignment reads a parameter targeted by";
            var edges = model.Edges.Select(x => new KeyValuePair<string, string>(x.Parent, x.Child)).ToList();
            bool auxiliaryAssigned = model.Assignments.Any(a => a.Node == auxiliary);
            foreach (var flaw in InvarianceRules.Flaws(declaration, Intervened(model, intervention), edges, model.GraphIsComplete, auxiliaryAssigned))
            {
                problems.Add(new Problem(ProblemIds.ImpossibleInvariance, flaw switch
                {
                    InvarianceFlaw.InvariantIntervened => $"Invariant node '{invariant}' is intervened on: {Via(invariant)} '{name}'. Prop. 3 needs the invariant node j to differ from the intervened node i.",
                    InvarianceFlaw.AuxiliaryIntervened => $"Auxiliary node '{auxiliary}' is intervened on: {Via(auxiliary)} '{name}'. Prop. 3 needs the auxiliary node k to differ from the intervened node i, whose assignment the intervention changes.",
                    InvarianceFlaw.AuxiliaryWithoutParents => $"Auxiliary node '{auxiliary}' has no parents: a soft intervention on it is a function of its parents (Def. 4) and would be a constant that cannot track the intervention.",
                    _ => $"No directed path leads from auxiliary node '{auxiliary}' to invariant node '{invariant}', so changing '{auxiliary}' cannot hold '{invariant}' in place (Prop. 3 needs dx_j/dx_k != 0).",
                }, loc));
            }
        }

        return declarations;
    }

    /// <summary>The intervened nodes i: the node targets, and the nodes whose assignments read a targeted parameter.</summary>
    private static List<string> Intervened(ParsedModel model, Generators.Spec.InterventionSpec intervention) =>
        CompartmentRules.Intervened(
            intervention.Targets.Where(t => t.IsNode).Select(t => t.Name),
            intervention.Targets.Where(t => !t.IsNode).Select(t => t.Name),
            model.Assignments.Select(a => new KeyValuePair<string, IEnumerable<string>>(a.Node, GraphAnalysis.ParametersRead(a.Body))));

    private static void CheckCompartments(INamedTypeSymbol type, ParsedModel model, List<InvariantDeclaration> invariants, List<Problem> problems, CancellationToken ct)
    {
        var attrs = type.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == CompartmentAttribute).ToList();
        if (attrs.Count == 0)
        {
            return;
        }

        var nodeNames = new HashSet<string>(model.Nodes.Select(n => n.Name));
        var compartmentOf = new Dictionary<string, string>();
        var locationOf = new Dictionary<string, Location?>();
        var firstLocation = (Location?)null;
        foreach (var attr in attrs)
        {
            ct.ThrowIfCancellationRequested();
            var loc = attr.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation() ?? type.Locations.FirstOrDefault();
            firstLocation ??= loc;
            var args = attr.ConstructorArguments;
            if (args.Length != 2 || args[0].Value is not string name || args[1].Kind != TypedConstantKind.Array)
            {
                problems.Add(new Problem(ProblemIds.CompartmentLeak, "A [Compartment] needs a name and its nodes.", loc));
                continue;
            }

            if (locationOf.ContainsKey(name))
            {
                problems.Add(new Problem(ProblemIds.CompartmentLeak, $"Two compartments are named '{name}'.", loc));
                continue;
            }

            locationOf[name] = loc;
            foreach (var value in args[1].Values)
            {
                if (value.Value is not string node || !nodeNames.Contains(node))
                {
                    problems.Add(new Problem(ProblemIds.CompartmentLeak, $"Compartment '{name}' lists '{value.Value ?? "null"}', which is not a [Node] of '{type.Name}'.", loc));
                    continue;
                }

                if (compartmentOf.TryGetValue(node, out var other))
                {
                    problems.Add(new Problem(ProblemIds.CompartmentLeak, other == name
                        ? $"Compartment '{name}' lists node '{node}' twice."
                        : $"Node '{node}' is in two compartments, '{other}' and '{name}'; compartments partition the nodes (Def. 5).", loc));
                    continue;
                }

                compartmentOf[node] = name;
            }
        }

        var uncovered = model.Nodes.Select(n => n.Name).Where(n => !compartmentOf.ContainsKey(n)).ToList();
        if (uncovered.Count > 0 && compartmentOf.Count > 0)
        {
            problems.Add(new Problem(ProblemIds.CompartmentLeak, $"Node{(uncovered.Count > 1 ? "s" : "")} '{string.Join("', '", uncovered)}' {(uncovered.Count > 1 ? "are" : "is")} in no compartment; compartments must partition the nodes (Def. 5), or an intervention can leak through the nodes left out.", firstLocation));
        }

        // Prop. 4 (CompartmentRules, shared with the runtime): a node with an arrow into another compartment must be
        // the invariant node of an invariant intervention lying in its own compartment. Every arrow read off a lowered
        // assignment is real, so a missing assignment can only hide a leak, never invent one.
        var placements = new Dictionary<string, string?>();
        foreach (var i in model.Interventions.Where(i => !placements.ContainsKey(i.Name)))
        {
            placements[i.Name] = CompartmentRules.PlacementCompartment(Intervened(model, i), invariants.FirstOrDefault(d => d.Intervention == i.Name), compartmentOf);
        }

        var vectors = new HashSet<string>(model.Nodes.Where(n => n.IsVector).Select(n => n.Name));
        foreach (var v in CompartmentRules.Boundary(compartmentOf, model.Edges.Select(e => new KeyValuePair<string, string>(e.Parent, e.Child)), placements, invariants, vectors.Contains))
        {
            if (v.Held)
            {
                continue;
            }

            var first = v.Arrows[0];
            problems.Add(new Problem(ProblemIds.CompartmentLeak, v.HeldBy is null
                ? $"Node '{v.Node}' of compartment '{v.Compartment}' has an arrow into '{first.Key}' of compartment '{first.Value}' but is not made invariant: declare an [InvariantIntervention] of '{v.Compartment}' with '{v.Node}' as invariant node (Prop. 4), or interventions in '{v.Compartment}' leak into '{first.Value}'."
                : $"Node '{v.Node}' of compartment '{v.Compartment}' has an arrow into '{first.Key}' of compartment '{first.Value}' but '{v.HeldBy}' holds only one element of it; the arrow carries every element (Prop. 4).", locationOf[v.Compartment]));
        }
    }
}
