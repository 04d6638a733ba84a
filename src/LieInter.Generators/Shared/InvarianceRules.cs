using System.Collections.Generic;
using System.Linq;

namespace LieInter.Structure;

// The structural hypotheses of Prop. 3 in one place, on plain names: compiled into the analyzer (LIE0203, from the
// parsed model) and linked into the runtime (InvarianceConditions.CheckStructure, from the schema and the
// attributes), so the two cannot disagree. netstandard2.0 and net10.0 alike: no records, no newer library calls.

/// <summary>A structural reason why an invariant intervention (intervened i, invariant j, auxiliary k) cannot work.</summary>
internal enum InvarianceFlaw
{
    /// <summary>j is intervened on: Prop. 3 needs j != i.</summary>
    InvariantIntervened,

    /// <summary>k is intervened on: Prop. 3 needs k != i, whose assignment the intervention changes.</summary>
    AuxiliaryIntervened,

    /// <summary>k has no parents: a soft intervention on it (Def. 4) would be a constant.</summary>
    AuxiliaryWithoutParents,

    /// <summary>No directed path leads from k to j, so dx_j/dx_k = 0.</summary>
    NoPathToInvariant,
}

internal static class InvarianceRules
{
    /// <summary>The flaws of one declaration, in the order of <see cref="InvarianceFlaw"/>.</summary>
    /// <param name="declaration">The declaration.</param>
    /// <param name="intervened">The nodes its intervention changes the assignment of (<see cref="CompartmentRules.Intervened"/>).</param>
    /// <param name="edges">Parent to child arrows of the causal graph.</param>
    /// <param name="graphComplete">False when some assignment's arrows are unknown: the path rule, which a missing
    /// arrow could turn into a false alarm, is then skipped.</param>
    /// <param name="auxiliaryAssigned">Whether the auxiliary node's own arrows are known (its assignment was read).</param>
    public static List<InvarianceFlaw> Flaws(InvariantDeclaration declaration, ICollection<string> intervened, IReadOnlyCollection<KeyValuePair<string, string>> edges, bool graphComplete, bool auxiliaryAssigned)
    {
        var flaws = new List<InvarianceFlaw>();
        if (intervened.Contains(declaration.Invariant))
        {
            flaws.Add(InvarianceFlaw.InvariantIntervened);
        }

        if (intervened.Contains(declaration.Auxiliary))
        {
            flaws.Add(InvarianceFlaw.AuxiliaryIntervened);
        }

        if (auxiliaryAssigned && !edges.Any(e => e.Value == declaration.Auxiliary))
        {
            flaws.Add(InvarianceFlaw.AuxiliaryWithoutParents);
        }

        // dx_j/dx_k != 0 needs a directed path from k to j, unless k is j.
        if (declaration.Auxiliary != declaration.Invariant && graphComplete && !HasPath(edges, declaration.Auxiliary, declaration.Invariant))
        {
            flaws.Add(InvarianceFlaw.NoPathToInvariant);
        }

        return flaws;
    }

    /// <summary>Whether a directed path of at least one arrow leads from <paramref name="from"/> to
    /// <paramref name="to"/> (a node reaches itself only through a cycle).</summary>
    public static bool HasPath(IEnumerable<KeyValuePair<string, string>> edges, string from, string to)
    {
        var children = new Dictionary<string, List<string>>();
        foreach (var e in edges)
        {
            if (!children.TryGetValue(e.Key, out var list))
            {
                children[e.Key] = list = new List<string>();
            }

            list.Add(e.Value);
        }

        var seen = new HashSet<string>();
        var stack = new Stack<string>(children.TryGetValue(from, out var first) ? first : new List<string>());
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n == to)
            {
                return true;
            }

            if (seen.Add(n) && children.TryGetValue(n, out var next))
            {
                foreach (var c in next)
                {
                    stack.Push(c);
                }
            }
        }

        return false;
    }
}
