using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LieInter.Generators.Ir;
using LieInter.Generators.Parsing;
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

    /// <summary>Checks every [InvariantIntervention]; returns the invariant nodes of those declared with known names.</summary>
    private static HashSet<string> CheckInvariantInterventions(INamedTypeSymbol type, ParsedModel model, List<Problem> problems, CancellationToken ct)
    {
        var invariantNodes = new HashSet<string>();
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

            if (namesOk)
            {
                invariantNodes.Add(invariant);
            }

            // An intervention that did not parse is reported as LIE0202; nothing more can be said about it here.
            var intervention = model.Interventions.FirstOrDefault(i => i.Name == name);
            if (intervention is null || !namesOk)
            {
                continue;
            }

            // The intervened nodes i: the node targets, and the nodes whose assignments read a targeted parameter.
            var intervened = new List<string>(intervention.Targets.Where(t => t.IsNode).Select(t => t.Name));
            var parameterTargets = intervention.Targets.Where(t => !t.IsNode).Select(t => t.Name).ToList();
            foreach (var a in model.Assignments)
            {
                if (!intervened.Contains(a.Node) && GraphAnalysis.ParametersRead(a.Body).Any(parameterTargets.Contains))
                {
                    intervened.Add(a.Node);
                }
            }

            string Via(string node) => intervention.Targets.Any(t => t.IsNode && t.Name == node) ? "it is a target of" : "its assignment reads a parameter targeted by";

            if (intervened.Contains(invariant))
            {
                problems.Add(new Problem(ProblemIds.ImpossibleInvariance, $"Invariant node '{invariant}' is intervened on: {Via(invariant)} '{name}'. Prop. 3 needs the invariant node j to differ from the intervened node i.", loc));
            }

            if (intervened.Contains(auxiliary))
            {
                problems.Add(new Problem(ProblemIds.ImpossibleInvariance, $"Auxiliary node '{auxiliary}' is intervened on: {Via(auxiliary)} '{name}'. Prop. 3 needs the auxiliary node k to differ from the intervened node i, whose assignment the intervention changes.", loc));
            }

            // No parents: the soft intervention f_k(Pa_k) would be a constant and cannot compensate anything.
            if (model.Assignments.Any(a => a.Node == auxiliary) && !model.Edges.Any(e => e.Child == auxiliary))
            {
                problems.Add(new Problem(ProblemIds.ImpossibleInvariance, $"Auxiliary node '{auxiliary}' has no parents: a soft intervention on it is a function of its parents (Def. 4) and would be a constant that cannot track the intervention.", loc));
            }

            // dx_j/dx_k != 0 (Prop. 3) needs a directed path from k to j, unless k is j.
            if (auxiliary != invariant && model.GraphIsComplete && !HasPath(model, auxiliary, invariant))
            {
                problems.Add(new Problem(ProblemIds.ImpossibleInvariance, $"No directed path leads from auxiliary node '{auxiliary}' to invariant node '{invariant}', so changing '{auxiliary}' cannot hold '{invariant}' in place (Prop. 3 needs dx_j/dx_k != 0).", loc));
            }
        }

        return invariantNodes;
    }

    private static void CheckCompartments(INamedTypeSymbol type, ParsedModel model, HashSet<string> invariantNodes, List<Problem> problems, CancellationToken ct)
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

        // Prop. 4: a node with an arrow into another compartment must be invariant. Every arrow read off a lowered
        // assignment is real, so a missing assignment can only hide a leak, never invent one.
        var reported = new HashSet<string>();
        foreach (var e in model.Edges)
        {
            if (compartmentOf.TryGetValue(e.Parent, out var from) && compartmentOf.TryGetValue(e.Child, out var to) && from != to
                && !invariantNodes.Contains(e.Parent) && reported.Add(e.Parent))
            {
                problems.Add(new Problem(ProblemIds.CompartmentLeak, $"Node '{e.Parent}' of compartment '{from}' has an arrow into '{e.Child}' of compartment '{to}' but is not made invariant: declare an [InvariantIntervention] with '{e.Parent}' as invariant node (Prop. 4), or interventions in '{from}' leak into '{to}'.", locationOf[from]));
            }
        }
    }

    private static bool HasPath(ParsedModel model, string from, string to)
    {
        var seen = new HashSet<string> { from };
        var stack = new Stack<string>();
        stack.Push(from);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            foreach (var e in model.Edges)
            {
                if (e.Parent != n)
                {
                    continue;
                }

                if (e.Child == to)
                {
                    return true;
                }

                if (seen.Add(e.Child))
                {
                    stack.Push(e.Child);
                }
            }
        }

        return false;
    }
}
