using System;
using System.Collections.Generic;
using System.Linq;

namespace LieInter.Structure;

// The structural rules of Prop. 4 in one place, on plain names: compiled into the analyzer (LIE0204, from the
// parsed model) and linked into the runtime (CompartmentConditions, from the schema and the attributes), so the two
// cannot disagree. netstandard2.0 and net10.0 alike: no records, no newer library calls.

/// <summary>An [InvariantIntervention] as both sides read it.</summary>
internal sealed class InvariantDeclaration
{
    public InvariantDeclaration(string intervention, string invariant, string auxiliary, int invariantElement)
    {
        Intervention = intervention;
        Invariant = invariant;
        Auxiliary = auxiliary;
        InvariantElement = invariantElement;
    }

    public string Intervention { get; }

    public string Invariant { get; }

    public string Auxiliary { get; }

    /// <summary>-1 for the whole node.</summary>
    public int InvariantElement { get; }
}

/// <summary>A node with arrows into other compartments and whether an invariant intervention of its own compartment
/// holds all of it (Prop. 4 needs every such node held).</summary>
internal sealed class BoundaryVerdict
{
    public BoundaryVerdict(string node, string compartment, IReadOnlyList<KeyValuePair<string, string>> arrows, string? heldBy, bool wholeNode)
    {
        Node = node;
        Compartment = compartment;
        Arrows = arrows;
        HeldBy = heldBy;
        WholeNode = wholeNode;
    }

    public string Node { get; }

    public string Compartment { get; }

    /// <summary>Child node and its compartment, per arrow out of the compartment.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Arrows { get; }

    /// <summary>The invariant intervention of <see cref="Compartment"/> whose invariant node this is, if any.</summary>
    public string? HeldBy { get; }

    /// <summary>False when the declaration holds one element of a vector node only: the arrows carry every element.</summary>
    public bool WholeNode { get; }

    public bool Held => HeldBy != null && WholeNode;
}

internal static class CompartmentRules
{
    /// <summary>The nodes a Lie intervention changes the assignment of: its node targets and the nodes whose
    /// assignment reads one of its parameter targets.</summary>
    public static List<string> Intervened(IEnumerable<string> nodeTargets, IEnumerable<string> parameterTargets, IEnumerable<KeyValuePair<string, IEnumerable<string>>> parametersReadByNode)
    {
        var nodes = nodeTargets.ToList();
        var parameters = new HashSet<string>(parameterTargets);
        foreach (var read in parametersReadByNode)
        {
            if (!nodes.Contains(read.Key) && read.Value.Any(parameters.Contains))
            {
                nodes.Add(read.Key);
            }
        }

        return nodes;
    }

    /// <summary>The compartment an intervention lies in: the one holding all of its intervened nodes and, when it is
    /// declared invariant, its invariant and auxiliary nodes; null when they are not all in one.</summary>
    public static string? PlacementCompartment(IEnumerable<string> intervened, InvariantDeclaration? declaration, IReadOnlyDictionary<string, string> compartmentOf)
    {
        var nodes = declaration is null ? intervened : intervened.Concat(new[] { declaration.Invariant, declaration.Auxiliary });
        string? found = null;
        foreach (var n in nodes)
        {
            if (!compartmentOf.TryGetValue(n, out var c) || (found != null && found != c))
            {
                return null;
            }

            found = c;
        }

        return found;
    }

    /// <summary>Every node with an arrow into another compartment, in the order of the edges, with the verdict of
    /// Prop. 4 on it. <paramref name="placements"/> maps each intervention to its compartment (or null).</summary>
    public static List<BoundaryVerdict> Boundary(
        IReadOnlyDictionary<string, string> compartmentOf,
        IEnumerable<KeyValuePair<string, string>> edges,
        IReadOnlyDictionary<string, string?> placements,
        IReadOnlyList<InvariantDeclaration> invariants,
        Func<string, bool> isVector)
    {
        var order = new List<string>();
        var arrows = new Dictionary<string, List<KeyValuePair<string, string>>>();
        foreach (var e in edges)
        {
            if (compartmentOf.TryGetValue(e.Key, out var from) && compartmentOf.TryGetValue(e.Value, out var to) && from != to)
            {
                if (!arrows.TryGetValue(e.Key, out var list))
                {
                    arrows[e.Key] = list = new List<KeyValuePair<string, string>>();
                    order.Add(e.Key);
                }

                list.Add(new KeyValuePair<string, string>(e.Value, to));
            }
        }

        var verdicts = new List<BoundaryVerdict>();
        foreach (var node in order)
        {
            string compartment = compartmentOf[node];
            var holding = invariants.FirstOrDefault(a => a.Invariant == node && placements.TryGetValue(a.Intervention, out var p) && p == compartment);
            bool whole = holding != null && (holding.InvariantElement < 0 || !isVector(node));
            verdicts.Add(new BoundaryVerdict(node, compartment, arrows[node], holding?.Intervention, whole));
        }

        return verdicts;
    }
}
