using System.Reflection;
using LieInter.Equilibrium;
using LieInter.Modeling;
using LieInter.Solvers;

namespace LieInter.Differentiation;

/// <summary>
/// Run-time check of Prop. 4 (compartmentalized interventions, Def. 5). Structurally, from the model's
/// [Compartment], [LieIntervention] and [InvariantIntervention] declarations and its causal graph: the compartments
/// partition the nodes; each compartment has one invariant intervention whose intervened, invariant and auxiliary nodes
/// all lie in it; every node with an arrow into another compartment is that intervention's invariant node. Numerically:
/// the largest sensitivity of the equilibrium outside an intervention's compartment relative to the largest inside,
/// which Def. 5 wants zero (the learned soft interventions installed, so it also measures how well they were learned).
/// </summary>
public static class CompartmentConditions
{
    public static CompartmentConditionsReport Check(EquilibriumSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Check(system.Model.GetType(), system.Schema);
    }

    public static CompartmentConditionsReport Check(IEquilibriumModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Check(model.GetType(), model.Schema);
    }

    /// <summary>Reads the attributes of <paramref name="modelType"/> and checks them against <paramref name="schema"/>
    /// (its nodes, interventions and causal graph).</summary>
    public static CompartmentConditionsReport Check(Type modelType, ModelSchema schema)
    {
        ArgumentNullException.ThrowIfNull(modelType);
        ArgumentNullException.ThrowIfNull(schema);
        var conditions = new List<InvarianceCondition>();
        var nodeNames = schema.Nodes.Select(n => n.Name).ToList();

        // Compartments and the partition.
        var declared = modelType.GetCustomAttributes<CompartmentAttribute>().ToList();
        var compartments = declared.Select(c => new CompartmentMembers(c.Name, c.Nodes.ToList())).ToList();
        var compartmentOf = new Dictionary<string, string>();
        var partitionProblems = new List<string>();
        if (compartments.Count == 0)
        {
            partitionProblems.Add($"'{modelType.Name}' declares no [Compartment]");
        }

        foreach (var group in compartments.GroupBy(c => c.Name).Where(g => g.Count() > 1))
        {
            partitionProblems.Add($"{group.Count()} compartments are named '{group.Key}'");
        }

        foreach (var c in compartments)
        {
            foreach (var node in c.Nodes)
            {
                if (!nodeNames.Contains(node))
                {
                    partitionProblems.Add($"compartment '{c.Name}' lists '{node}', which is not a node (nodes: {string.Join(", ", nodeNames)})");
                }
                else if (compartmentOf.TryGetValue(node, out var other))
                {
                    partitionProblems.Add(other == c.Name ? $"compartment '{c.Name}' lists node '{node}' twice" : $"node '{node}' is in two compartments, '{other}' and '{c.Name}'");
                }
                else
                {
                    compartmentOf[node] = c.Name;
                }
            }
        }

        var uncovered = nodeNames.Where(n => !compartmentOf.ContainsKey(n)).ToList();
        if (compartments.Count > 0 && uncovered.Count > 0)
        {
            partitionProblems.Add($"node{(uncovered.Count > 1 ? "s" : "")} '{string.Join("', '", uncovered)}' {(uncovered.Count > 1 ? "are" : "is")} in no compartment");
        }

        conditions.Add(new InvarianceCondition("compartments partition the nodes", partitionProblems.Count == 0, partitionProblems.Count,
            partitionProblems.Count == 0
                ? $"the {compartments.Count} compartments ({string.Join("; ", compartments.Select(c => $"{c.Name}: {string.Join(", ", c.Nodes)}"))}) partition the {nodeNames.Count} nodes (Def. 5)"
                : $"compartments do not partition the nodes (Def. 5): {string.Join("; ", partitionProblems)}"));

        string? Of(string node) => compartmentOf.TryGetValue(node, out var c) ? c : null;

        // Where each Lie intervention acts, and which are declared invariant.
        var invariants = modelType.GetCustomAttributes<InvariantInterventionAttribute>().ToList();
        var placements = new List<InterventionPlacement>();
        foreach (var iv in schema.Interventions)
        {
            var intervened = IntervenedNodes(schema, iv);
            var declaration = invariants.FirstOrDefault(a => a.Intervention == iv.Name);
            var nodes = new Dictionary<string, string?>();
            foreach (var n in intervened.Concat(declaration is null ? [] : [declaration.Invariant, declaration.Auxiliary]))
            {
                nodes[n] = Of(n);
            }

            placements.Add(new InterventionPlacement(iv.Name, intervened, declaration?.Invariant, declaration?.Auxiliary, nodes));
        }

        foreach (var a in invariants.Where(a => schema.Interventions.All(i => i.Name != a.Intervention)))
        {
            conditions.Add(new InvarianceCondition($"'{a.Intervention}' declared", false, 0,
                $"an [InvariantIntervention] names '{a.Intervention}', which is not a declared Lie intervention (declared: {string.Join(", ", schema.Interventions.Select(i => i.Name))})"));
        }

        foreach (var group in invariants.GroupBy(a => a.Intervention).Where(g => g.Count() > 1))
        {
            conditions.Add(new InvarianceCondition($"'{group.Key}' has one invariant node", false, group.Count(),
                $"'{group.Key}' has {group.Count()} [InvariantIntervention] declarations ({string.Join(", ", group.Select(a => a.Invariant))}); Prop. 4 pairs each compartment's intervention with one invariant node (only the first is used here)"));
        }

        foreach (var p in placements)
        {
            string where = string.Join(", ", p.CompartmentOf.Select(kv => $"{kv.Key} in {kv.Value ?? "no compartment"}"));
            string roles = p.IsInvariant ? $"intervened {string.Join(", ", p.IntervenedNodes)}, invariant {p.InvariantNode}, auxiliary {p.AuxiliaryNode}" : $"intervened {string.Join(", ", p.IntervenedNodes)}";
            conditions.Add(new InvarianceCondition($"'{p.Intervention}' in one compartment", p.InOneCompartment, p.Compartments.Count,
                p.InOneCompartment
                    ? $"'{p.Intervention}' acts inside compartment '{p.Compartment}' ({roles})"
                    : $"the nodes of '{p.Intervention}' are not all in one compartment ({where}); Prop. 4 needs intervened, invariant and auxiliary nodes in the same compartment"));
            if (!p.IsInvariant)
            {
                conditions.Add(new InvarianceCondition($"'{p.Intervention}' invariant", false, 0,
                    $"Lie intervention '{p.Intervention}' has no [InvariantIntervention]: nothing keeps its compartment's boundary nodes in place, so its effect is not confined (Prop. 4 needs one invariant intervention per compartment)"));
            }
        }

        // Each compartment: one invariant intervention inside it.
        foreach (var c in compartments.DistinctBy(c => c.Name))
        {
            var inside = placements.Where(p => p.IsInvariant && p.Compartment == c.Name).Select(p => p.Intervention).ToList();
            conditions.Add(new InvarianceCondition($"compartment '{c.Name}' has one invariant intervention", inside.Count == 1, inside.Count,
                inside.Count == 1
                    ? $"compartment '{c.Name}' has one invariant intervention, '{inside[0]}'"
                    : $"compartment '{c.Name}' has {inside.Count} invariant interventions lying wholly inside it{(inside.Count > 0 ? $" ({string.Join(", ", inside)})" : "")}; Prop. 4 needs exactly one"));
        }

        // Arrows between compartments, and whether their tails are invariant (the rule shared with LIE0204).
        var arrows = schema.Graph.Edges
            .Where(e => Of(e.Parent) is { } from && Of(e.Child) is { } to && from != to)
            .Select(e => new CrossCompartmentArrow(e.Parent, Of(e.Parent)!, e.Child, Of(e.Child)!))
            .ToList();
        var boundary = new List<BoundaryNode>();
        var verdicts = Structure.CompartmentRules.Boundary(
            compartmentOf,
            schema.Graph.Edges.Select(e => new KeyValuePair<string, string>(e.Parent, e.Child)),
            placements.DistinctBy(p => p.Intervention).ToDictionary(p => p.Intervention, p => p.Compartment),
            invariants.Select(Declaration).ToList(),
            n => schema.Nodes[schema.NodeIndex(n)].Shape == NodeShape.Vector);
        foreach (var v in verdicts)
        {
            string node = v.Node, compartment = v.Compartment;
            var children = v.Arrows.Select(a => a.Key).Distinct().ToList();
            string into = string.Join(", ", v.Arrows.Select(a => $"{a.Key} of '{a.Value}'"));
            var holding = invariants.FirstOrDefault(a => a.Intervention == v.HeldBy && a.Invariant == node);
            string reason = v.HeldBy is null
                ? $"node '{node}' of compartment '{compartment}' has arrows into {into} but is not the invariant node of an invariant intervention of '{compartment}': declare it so (Prop. 4), or interventions in '{compartment}' leak out through it"
                : v.WholeNode
                    ? $"node '{node}' of compartment '{compartment}' (arrows into {into}) is invariant under '{v.HeldBy}'"
                    : $"node '{node}' of compartment '{compartment}' (arrows into {into}) is invariant under '{v.HeldBy}' only in element {holding?.InvariantElement}, but its arrows carry every element";
            boundary.Add(new BoundaryNode(node, compartment, children, v.Held, v.HeldBy, reason));
            conditions.Add(new InvarianceCondition($"boundary node '{node}' invariant", v.Held, v.Arrows.Count, reason));
        }

        return new CompartmentConditionsReport
        {
            ModelName = schema.ModelName,
            Compartments = compartments,
            CrossArrows = arrows,
            BoundaryNodes = boundary,
            Interventions = placements,
            Conditions = conditions,
        };
    }

    /// <summary>
    /// For each Lie intervention that lies in one compartment, the largest |dx_j/du| over the nodes j outside that
    /// compartment relative to the largest over the nodes inside (over the intervention's coordinates), at the
    /// equilibrium of <paramref name="system"/> at its current parameters, coordinates and overrides (install the
    /// learned soft interventions first). <paramref name="warmStart"/> starts the solve; the system's coordinates are
    /// left as they were.
    /// </summary>
    /// <param name="system">The system whose equilibrium is differentiated (overrides installed).</param>
    /// <param name="warmStart">Starting point of the solve at the current coordinates.</param>
    /// <param name="structure">The structural report that assigns nodes to compartments; read from the model when null.</param>
    /// <param name="method">Tangents (implicit differentiation) or central differences of solved equilibria.</param>
    /// <param name="options">Solver options (tolerances matter for central differences).</param>
    /// <param name="step">Central-difference step in the coordinates (ignored for tangents).</param>
    public static CrossSensitivityReport MeasureCrossSensitivity(
        EquilibriumSystem system,
        ReadOnlySpan<double> warmStart,
        CompartmentConditionsReport? structure = null,
        SensitivityMethod method = SensitivityMethod.Tangent,
        EquilibriumSolverOptions? options = null,
        double step = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(system);
        structure ??= Check(system);
        if (!(step > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The difference step must be positive.");
        }

        var equilibrium = new DifferentiableEquilibrium(system, options);
        equilibrium.SetState(warmStart);
        equilibrium.Solve();
        var x0 = equilibrium.State.ToArray();
        var layout = system.Layout;
        int n = system.Dimension;
        var u0 = system.Coordinates.ToArray();
        var dx = new double[n];
        var results = new List<CrossSensitivity>();
        foreach (var placement in structure.Interventions.Where(p => p.InOneCompartment))
        {
            string compartment = placement.Compartment!;
            var segment = layout.Intervention(placement.Intervention);
            double own = 0, cross = 0;
            int ownAt = -1, crossAt = -1;
            for (int c = segment.Offset; c < segment.End; c++)
            {
                if (method == SensitivityMethod.Tangent)
                {
                    var du = new double[u0.Length];
                    du[c] = 1;
                    if (!equilibrium.TryTangent([], du, dx, out var report))
                    {
                        throw new EquilibriumNotConvergedException(report);
                    }
                }
                else
                {
                    var plus = SolveAt(system, equilibrium, x0, u0, c, step);
                    var minus = SolveAt(system, equilibrium, x0, u0, c, -step);
                    for (int i = 0; i < n; i++)
                    {
                        dx[i] = (plus[i] - minus[i]) / (2 * step);
                    }
                }

                for (int i = 0; i < n; i++)
                {
                    double v = Math.Abs(dx[i]);
                    if (structure.CompartmentOf(layout.NodeAt(i).Node) == compartment)
                    {
                        if (v > own || ownAt < 0)
                        {
                            (own, ownAt) = (v, i);
                        }
                    }
                    else if (v > cross || crossAt < 0)
                    {
                        (cross, crossAt) = (v, i);
                    }
                }
            }

            if (method == SensitivityMethod.CentralDifference)
            {
                // Leave the layer at the point it was asked about.
                u0.CopyTo(system.Coordinates);
                equilibrium.SetState(x0);
                equilibrium.Solve();
            }

            results.Add(new CrossSensitivity(placement.Intervention, compartment, own, Name(layout, ownAt), cross, Name(layout, crossAt)));
        }

        return new CrossSensitivityReport(method, results);
    }

    /// <summary>The nodes a Lie intervention changes the assignment of: its node targets and the nodes whose
    /// assignment reads one of its parameter targets.</summary>
    public static IReadOnlyList<string> IntervenedNodes(ModelSchema schema, InterventionSchema intervention)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(intervention);
        return Structure.CompartmentRules.Intervened(
            intervention.Targets.Where(t => t.Kind == InterventionTargetKind.NodeAssignment).Select(t => t.Name),
            intervention.Targets.Where(t => t.Kind == InterventionTargetKind.Parameter).Select(t => t.Name),
            schema.Graph.ParametersRead.Select(kv => new KeyValuePair<string, IEnumerable<string>>(kv.Key, kv.Value)));
    }

    private static Structure.InvariantDeclaration Declaration(InvariantInterventionAttribute a) =>
        new(a.Intervention, a.Invariant, a.Auxiliary, a.InvariantElement);

    private static double[] SolveAt(EquilibriumSystem system, DifferentiableEquilibrium equilibrium, double[] x0, double[] u0, int coordinate, double delta)
    {
        u0.CopyTo(system.Coordinates);
        system.Coordinates[coordinate] += delta;
        equilibrium.SetState(x0);
        equilibrium.Solve();
        return equilibrium.State.ToArray();
    }

    private static string Name(ModelLayout layout, int index)
    {
        if (index < 0)
        {
            return "(none)";
        }

        var (node, element) = layout.NodeAt(index);
        return layout.Node(node).Length == 1 ? node : $"{node}[{element}]";
    }
}
