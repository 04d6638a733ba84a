using System.Reflection;

namespace LieInter.Differentiation;

/// <summary>The structural conditions of Prop. 4 for a model's declared compartments, each with what decides it.</summary>
public sealed class CompartmentConditionsReport
{
    public required IReadOnlyList<InvarianceCondition> Conditions { get; init; }

    public bool AllHold => Conditions.All(c => c.Holds);

    public IEnumerable<InvarianceCondition> Failed => Conditions.Where(c => !c.Holds);

    public override string ToString() => string.Join("\n", Conditions.Select(c => $"{(c.Holds ? "holds" : "FAILS")}: {c.Description}"));
}

/// <summary>
/// Run-time check of Prop. 4 (compartmentalized interventions) from a model's <see cref="CompartmentAttribute"/>s,
/// <see cref="InvariantInterventionAttribute"/>s and causal graph: the compartments partition the nodes; each
/// compartment has an invariant intervention whose intervened, invariant and auxiliary nodes lie in it; every node
/// with an arrow into another compartment is the invariant node of one of them. LIE0204 reports the last point
/// while the user types; this check is for code that builds models at run time and for reports. Whether the learned
/// interventions really confine their effects is measured numerically (cross-compartment sensitivities, see
/// <see cref="CrossSensitivity"/>).
/// </summary>
public static class CompartmentConditions
{
    public static CompartmentConditionsReport Check(Type modelType, ModelSchema schema)
    {
        ArgumentNullException.ThrowIfNull(modelType);
        ArgumentNullException.ThrowIfNull(schema);
        var compartments = modelType.GetCustomAttributes<CompartmentAttribute>().ToList();
        var invariants = modelType.GetCustomAttributes<InvariantInterventionAttribute>().ToList();
        var conditions = new List<InvarianceCondition>();
        if (compartments.Count < 2)
        {
            conditions.Add(new InvarianceCondition("compartments declared", false, compartments.Count,
                $"'{modelType.Name}' declares {compartments.Count} [Compartment]; compartmentalized interventions need at least two"));
            return new CompartmentConditionsReport { Conditions = conditions };
        }

        // Partition: every node in exactly one compartment.
        var owner = new Dictionary<string, string>();
        var problems = new List<string>();
        foreach (var c in compartments)
        {
            foreach (var node in c.Nodes)
            {
                if (schema.Nodes.All(n => n.Name != node))
                {
                    problems.Add($"compartment '{c.Name}' names '{node}', which is not a node");
                }
                else if (!owner.TryAdd(node, c.Name))
                {
                    problems.Add($"'{node}' is in both '{owner[node]}' and '{c.Name}'");
                }
            }
        }

        problems.AddRange(schema.Nodes.Where(n => !owner.ContainsKey(n.Name)).Select(n => $"'{n.Name}' is in no compartment"));
        conditions.Add(new InvarianceCondition("compartments partition the nodes", problems.Count == 0, problems.Count,
            problems.Count == 0 ? $"{compartments.Count} compartments partition the {schema.Nodes.Count} nodes" : string.Join("; ", problems)));
        if (problems.Count > 0)
        {
            return new CompartmentConditionsReport { Conditions = conditions };
        }

        // One invariant intervention per compartment with i, j and k inside it.
        foreach (var c in compartments)
        {
            var inside = invariants.Where(a => owner.GetValueOrDefault(a.Invariant) == c.Name).ToList();
            if (inside.Count == 0)
            {
                conditions.Add(new InvarianceCondition($"invariant intervention in '{c.Name}'", false, 0,
                    $"compartment '{c.Name}' has no [InvariantIntervention] whose invariant node lies in it"));
                continue;
            }

            foreach (var a in inside)
            {
                var intervened = schema.Interventions.FirstOrDefault(s => s.Name == a.Intervention)?.Targets
                    .Where(t => t.Kind == InterventionTargetKind.NodeAssignment).Select(t => t.Name).ToList() ?? [];
                var outside = new[] { a.Auxiliary }.Concat(intervened).Where(n => owner.GetValueOrDefault(n) != c.Name).ToList();
                conditions.Add(new InvarianceCondition($"'{a.Intervention}' inside '{c.Name}'", outside.Count == 0, outside.Count,
                    outside.Count == 0
                        ? $"'{a.Intervention}' intervenes on [{string.Join(", ", intervened)}], keeps '{a.Invariant}' invariant by leveraging '{a.Auxiliary}', all in '{c.Name}'"
                        : $"'{a.Intervention}' keeps '{a.Invariant}' in '{c.Name}' invariant but {string.Join(", ", outside.Select(n => $"'{n}' lies in '{owner.GetValueOrDefault(n)}'"))}"));
            }
        }

        // Every node with an arrow into another compartment is invariant.
        var invariantNodes = invariants.Select(a => a.Invariant).ToHashSet();
        foreach (var leaving in schema.Graph.Edges.Where(e => owner[e.Parent] != owner[e.Child]).GroupBy(e => e.Parent))
        {
            string targets = string.Join(", ", leaving.Select(e => $"'{e.Child}' in '{owner[e.Child]}'").Distinct());
            bool holds = invariantNodes.Contains(leaving.Key);
            conditions.Add(new InvarianceCondition($"'{leaving.Key}' invariant", holds, holds ? 1 : 0,
                holds
                    ? $"'{leaving.Key}' (in '{owner[leaving.Key]}') has arrows to {targets} and is invariant"
                    : $"'{leaving.Key}' (in '{owner[leaving.Key]}') has arrows to {targets} but is not the invariant node of any [InvariantIntervention]: its compartment's interventions leak (Prop. 4)"));
        }

        return new CompartmentConditionsReport { Conditions = conditions };
    }

    /// <summary>
    /// Sensitivities of the equilibrium to each Lie intervention, split by compartment: for each intervention m and
    /// compartment k, max over j in k of |dx_j/du_m| (forward sensitivities (I - J) dx = J_u du by the tangent solve).
    /// The system must be at its equilibrium for its current coordinates (with any learned overrides installed).
    /// </summary>
    /// <returns>sensitivity[m][k] with m over the schema's interventions and k over <paramref name="compartments"/>.</returns>
    public static double[][] CrossSensitivity(DifferentiableEquilibrium equilibrium, IReadOnlyList<IReadOnlyList<string>> compartments)
    {
        ArgumentNullException.ThrowIfNull(equilibrium);
        ArgumentNullException.ThrowIfNull(compartments);
        var system = equilibrium.System;
        var layout = system.Layout;
        var result = new double[layout.Interventions.Count][];
        var du = new double[layout.InterventionLength];
        var dx = new double[system.Dimension];
        for (int m = 0; m < layout.Interventions.Count; m++)
        {
            result[m] = new double[compartments.Count];
            var segment = layout.Interventions[m];
            for (int coordinate = segment.Offset; coordinate < segment.End; coordinate++)
            {
                Array.Clear(du);
                du[coordinate] = 1;
                if (!equilibrium.TryTangent([], du, dx, out var report))
                {
                    throw new Solvers.EquilibriumNotConvergedException(report);
                }

                for (int k = 0; k < compartments.Count; k++)
                {
                    foreach (var node in compartments[k])
                    {
                        foreach (int i in Enumerable.Range(layout.Node(node).Offset, layout.Node(node).Length))
                        {
                            result[m][k] = Math.Max(result[m][k], Math.Abs(dx[i]));
                        }
                    }
                }
            }
        }

        return result;
    }
}
