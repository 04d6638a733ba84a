using LieInter.Equilibrium;
using LieInter.Modeling;
using LieInter.Solvers;

namespace LieInter.Differentiation;

/// <summary>
/// Run-time check of Prop. 3 at a reference equilibrium: (1) the reduced Jacobian of x_{-j} -> x_{-j} - f_{-j} is
/// invertible; (2) dx_j*/dx_k, the effect on j of a hard intervention x_k = lambda, is not zero; (3) the Jacobian
/// from the free parameters theta to the equilibrium values of k's parents has full column rank. Works on state
/// indices (an element of a vector node is one index), with dense linear algebra (the check is for design time).
/// </summary>
public static class InvarianceConditions
{
    /// <summary>The structural hypotheses of Prop. 3 (<see cref="InvarianceStructure"/>) for every
    /// <see cref="InvariantInterventionAttribute"/> of <paramref name="modelType"/>, in declaration order.</summary>
    public static IReadOnlyList<InvarianceStructure> CheckStructure(Type modelType, ModelSchema schema)
    {
        ArgumentNullException.ThrowIfNull(modelType);
        return modelType.GetCustomAttributes(typeof(InvariantInterventionAttribute), inherit: false).Cast<InvariantInterventionAttribute>()
            .Select(a => CheckStructure(schema, a.Intervention, a.Invariant, a.Auxiliary))
            .ToList();
    }

    /// <summary>The structural hypotheses of Prop. 3 for Lie intervention <paramref name="intervention"/> (on the
    /// nodes i it changes), invariant node j and auxiliary node k: all four conditions, holding or not. An unknown
    /// intervention or node is an error.</summary>
    public static InvarianceStructure CheckStructure(ModelSchema schema, string intervention, string invariant, string auxiliary)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var lie = schema.Interventions.FirstOrDefault(i => i.Name == intervention)
            ?? throw new ArgumentException($"Model '{schema.ModelName}': '{intervention}' is not one of its Lie interventions ({string.Join(", ", schema.Interventions.Select(i => i.Name))}).");
        foreach (var node in new[] { invariant, auxiliary })
        {
            if (!schema.Nodes.Any(n => n.Name == node))
            {
                throw new ArgumentException($"Model '{schema.ModelName}': invariant intervention '{intervention}' names node '{node}', which is not one of its nodes.");
            }
        }

        var edges = schema.Graph.Edges.Select(e => new KeyValuePair<string, string>(e.Parent, e.Child)).ToList();
        var intervened = CompartmentConditions.IntervenedNodes(schema, lie);
        var flaws = Structure.InvarianceRules.Flaws(new Structure.InvariantDeclaration(intervention, invariant, auxiliary, -1), intervened.ToList(), edges, graphComplete: true, auxiliaryAssigned: true);
        bool Holds(Structure.InvarianceFlaw f) => !flaws.Contains(f);
        int parents = schema.Graph.ParentsOf(auxiliary).Count();
        var conditions = new List<InvarianceCondition>
        {
            new("invariant node not intervened", Holds(Structure.InvarianceFlaw.InvariantIntervened), 0,
                $"the invariant node {invariant} is {(Holds(Structure.InvarianceFlaw.InvariantIntervened) ? "not " : "")}among the nodes '{intervention}' intervenes on ({string.Join(", ", intervened)}); Prop. 3 needs j != i"),
            new("auxiliary node not intervened", Holds(Structure.InvarianceFlaw.AuxiliaryIntervened), 0,
                $"the auxiliary node {auxiliary} is {(Holds(Structure.InvarianceFlaw.AuxiliaryIntervened) ? "not " : "")}among the nodes '{intervention}' intervenes on; Prop. 3 needs k != i"),
            new("auxiliary node has parents", Holds(Structure.InvarianceFlaw.AuxiliaryWithoutParents), parents,
                $"the auxiliary node {auxiliary} has {parents} parent(s); a soft intervention on it is a function of them (Def. 4)"),
            new("path from auxiliary to invariant", Holds(Structure.InvarianceFlaw.NoPathToInvariant), 0,
                auxiliary == invariant
                    ? $"the auxiliary node is the invariant node {invariant}"
                    : $"a directed path {(Holds(Structure.InvarianceFlaw.NoPathToInvariant) ? "leads" : "does not lead")} from {auxiliary} to {invariant}; Prop. 3 needs dx_j/dx_k != 0"),
        };
        return new InvarianceStructure(intervention, invariant, auxiliary, conditions);
    }

    /// <param name="system">The unintervened system (u = 0, no overrides) at the reference parameters.</param>
    /// <param name="reference">Its equilibrium.</param>
    /// <param name="invariant">State index of j.</param>
    /// <param name="auxiliary">State index of k.</param>
    /// <param name="auxiliaryParents">State indices of k's parents.</param>
    /// <param name="freeParameters">Indices into theta of the parameters that vary.</param>
    /// <param name="tolerance">Relative threshold below which a singular value or an effect counts as zero.</param>
    public static InvarianceConditionsReport Check(EquilibriumSystem system, ReadOnlySpan<double> reference, int invariant, int auxiliary, IReadOnlyList<int> auxiliaryParents, IReadOnlyList<int> freeParameters, double tolerance = 1e-10)
    {
        int n = system.Dimension;
        var j = SolvabilityChecks.AssembleJacobian(system, reference);
        var conditions = new List<InvarianceCondition>();
        string Name(int index)
        {
            var (node, element) = system.Layout.NodeAt(index);
            return system.Layout.Node(node).Length == 1 ? node : $"{node}[{element}]";
        }

        // (1) I - J restricted to the indices other than j.
        var keep = Enumerable.Range(0, n).Where(i => i != invariant).ToArray();
        var reduced = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(keep.Length, keep.Length, (r, c) => (r == c ? 1 : 0) - j[keep[r], keep[c]]);
        var s = reduced.Svd(false).S;
        double sigmaMin = s.Count == 0 ? 1 : s.Minimum();
        double sigmaMax = s.Count == 0 ? 1 : s.Maximum();
        bool invertible = sigmaMin > tolerance * Math.Max(sigmaMax, 1);
        conditions.Add(new InvarianceCondition("reduced Jacobian invertible", invertible, sigmaMin,
            $"smallest singular value of I - J with the invariant {Name(invariant)} removed is {sigmaMin:G4} (largest {sigmaMax:G4})"));

        // (2) Hard intervention x_k = lambda: (I - J_{-k,-k}) dx_{-k} = J_{-k,k}; dx_j*/dx_k is the j entry.
        var others = Enumerable.Range(0, n).Where(i => i != auxiliary).ToArray();
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(others.Length, others.Length, (r, c) => (r == c ? 1 : 0) - j[others[r], others[c]]);
        var rhs = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(others.Length, r => j[others[r], auxiliary]);
        double effect;
        if (invariant == auxiliary)
        {
            effect = 1.0; // the auxiliary node is the invariant node: its own value moves one for one
        }
        else
        {
            var d = m.LU().Solve(rhs);
            effect = d[Array.IndexOf(others, invariant)];
        }

        conditions.Add(new InvarianceCondition("dx_j/dx_k nonzero", Math.Abs(effect) > tolerance, effect,
            $"dx_j*/dx_k (effect on {Name(invariant)} of a hard intervention on {Name(auxiliary)}) is {effect:G4}"));

        // (3) d x*_{Pa(k)} / d theta_free has full column rank.
        var eq = new DifferentiableEquilibrium(system);
        eq.SetState(reference);
        eq.Solve();
        var columns = new List<double[]>();
        var dTheta = new double[system.Layout.ParameterLength];
        var dx = new double[n];
        foreach (int p in freeParameters)
        {
            Array.Clear(dTheta);
            dTheta[p] = 1;
            if (!eq.TryTangent(dTheta, [], dx, out var report))
            {
                throw new EquilibriumNotConvergedException(report);
            }

            columns.Add(auxiliaryParents.Select(i => dx[i]).ToArray());
        }

        int rank = 0;
        double smallest = 0;
        if (columns.Count > 0 && auxiliaryParents.Count > 0)
        {
            var jac = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(auxiliaryParents.Count, columns.Count, (r, c) => columns[c][r]);
            var sv = jac.Svd(false).S;
            double top = sv.Maximum();
            rank = sv.Count(v => v > 1e-9 * Math.Max(top, 1e-300));
            smallest = sv.Count >= columns.Count ? sv[columns.Count - 1] : 0;
        }

        bool fullRank = rank == freeParameters.Count;
        conditions.Add(new InvarianceCondition("parameters to parents full column rank", fullRank, rank,
            $"the Jacobian from the {freeParameters.Count} free parameter(s) to the {auxiliaryParents.Count} parent value(s) of {Name(auxiliary)} has rank {rank} (smallest singular value {smallest:G4}); Prop. 3 needs {freeParameters.Count}"));

        return new InvarianceConditionsReport { Conditions = conditions };
    }
}
