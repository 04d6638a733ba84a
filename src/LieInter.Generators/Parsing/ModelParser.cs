using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LieInter.Generators.Ir;
using LieInter.Generators.Spec;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LieInter.Generators.Parsing;

/// <summary>Reads a model class (nodes, parameters, assignments, interventions, solvability) into a
/// <see cref="ModelSpec"/>, collecting every <see cref="Problem"/> on the way.</summary>
internal static class ModelParser
{
    public const string NodeAttribute = "LieInter.NodeAttribute";
    public const string ParameterAttribute = "LieInter.ParameterAttribute";
    public const string AssignmentAttribute = "LieInter.AssignmentAttribute";
    public const string LieInterventionAttribute = "LieInter.LieInterventionAttribute";
    public const string SolvabilityAttribute = "LieInter.SolvabilityAttribute";
    private const string LieGroupInterface = "LieInter.LieGroups.ILieGroup<TSelf>";
    private const string SparseMatrixType = "LieInter.SparseMatrix";

    private static readonly HashSet<string> AffineGroups = new() { "LieInter.Multiplicative", "LieInter.Shift", "LieInter.Affine" };

    /// <summary>True when <paramref name="type"/> declares any model member (the set of types the generator handles).</summary>
    public static bool IsModelType(INamedTypeSymbol type) =>
        type.GetMembers().Any(m => BodyLowering.HasAttribute(m, NodeAttribute) || BodyLowering.HasAttribute(m, AssignmentAttribute));

    public static ModelSpec? Parse(INamedTypeSymbol type, Compilation compilation, List<Problem> problems, CancellationToken ct) =>
        ParseModel(type, compilation, problems, ct).Spec;

    /// <summary>Like <see cref="Parse"/>, but also returns what was read of the model's structure (nodes, parameters,
    /// interventions, the assignments that lowered and the graph read off them) when generation is blocked, for the
    /// analyzers' structural checks.</summary>
    public static ParsedModel ParseModel(INamedTypeSymbol type, Compilation compilation, List<Problem> problems, CancellationToken ct)
    {
        int before = problems.Count;
        var typeLocation = type.Locations.FirstOrDefault();

        // LIE0001: the type (and every containing type) must be partial.
        if (type.TypeKind != TypeKind.Class)
        {
            problems.Add(new Problem(ProblemIds.Unsupported, $"Model '{type.Name}' must be a class.", typeLocation));
        }

        for (var t = type; t is not null; t = t.ContainingType)
        {
            var decls = t.DeclaringSyntaxReferences.Select(r => r.GetSyntax(ct)).OfType<TypeDeclarationSyntax>().ToArray();
            if (decls.Length == 0 || decls.Any(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                var where = decls.FirstOrDefault(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword))?.Identifier.GetLocation() ?? typeLocation;
                problems.Add(new Problem(ProblemIds.NotPartial, t.Equals(type, SymbolEqualityComparer.Default)
                    ? $"Model '{type.Name}' declares [Node] or [Assignment] members but is not partial; the generator cannot add its derivative code."
                    : $"Type '{t.Name}', which contains model '{type.Name}', must be partial.", where));
            }
        }

        if (type.IsGenericType)
        {
            problems.Add(new Problem(ProblemIds.Unsupported, $"Model '{type.Name}' must not be generic.", typeLocation));
        }

        // Nodes and parameters.
        var nodes = new List<NodeSpec>();
        var parameters = new List<ParameterSpec>();
        foreach (var member in type.GetMembers())
        {
            bool isNode = BodyLowering.HasAttribute(member, NodeAttribute);
            bool isParam = BodyLowering.HasAttribute(member, ParameterAttribute);
            if (!isNode && !isParam)
            {
                continue;
            }

            var (memberType, isProperty, writable) = member switch
            {
                IFieldSymbol f => (f.Type, false, !f.IsReadOnly && !f.IsConst),
                IPropertySymbol p => (p.Type, true, p.SetMethod is not null && p.GetMethod is not null),
                _ => (null, false, false),
            };
            var loc = member.Locations.FirstOrDefault();
            if (memberType is null)
            {
                continue;
            }

            if (member.IsStatic)
            {
                problems.Add(new Problem(ProblemIds.SignatureMismatch, $"{(isNode ? "Node" : "Parameter")} '{member.Name}' must be an instance member.", loc));
                continue;
            }

            if (isNode && isParam)
            {
                problems.Add(new Problem(ProblemIds.SignatureMismatch, $"'{member.Name}' cannot be both a node and a parameter.", loc));
                continue;
            }

            if (isNode)
            {
                if (memberType.SpecialType == SpecialType.System_Double)
                {
                    nodes.Add(new NodeSpec(member.Name, false, isProperty));
                }
                else if (memberType is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double })
                {
                    nodes.Add(new NodeSpec(member.Name, true, isProperty));
                }
                else
                {
                    problems.Add(new Problem(ProblemIds.SignatureMismatch, $"Node '{member.Name}' has type '{memberType.ToDisplayString()}'; a node is a double (scalar) or a double[] (vector).", loc));
                    continue;
                }

                if (!writable)
                {
                    problems.Add(new Problem(ProblemIds.SignatureMismatch, $"Node '{member.Name}' must be writable (a non-readonly field or a property with get and set).", loc));
                }
            }
            else
            {
                ParamShape? shape = memberType switch
                {
                    { SpecialType: SpecialType.System_Double } => ParamShape.Scalar,
                    IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double } => ParamShape.Vector,
                    IArrayTypeSymbol { Rank: 2, ElementType.SpecialType: SpecialType.System_Double } => ParamShape.Matrix,
                    _ when memberType.ToDisplayString() == SparseMatrixType => ParamShape.Sparse,
                    _ => null,
                };
                if (shape is null)
                {
                    problems.Add(new Problem(ProblemIds.Unsupported, $"Parameter '{member.Name}' has type '{memberType.ToDisplayString()}'; parameters are double, double[], double[,] or LieInter.SparseMatrix.", loc));
                    continue;
                }

                if (shape == ParamShape.Scalar && !writable)
                {
                    problems.Add(new Problem(ProblemIds.SignatureMismatch, $"Scalar parameter '{member.Name}' must be writable.", loc));
                }

                parameters.Add(new ParameterSpec(member.Name, shape.Value, isProperty));
            }
        }

        var nodeMap = nodes.ToDictionary(n => n.Name);
        var paramMap = parameters.ToDictionary(p => p.Name);

        // Lie interventions.
        var interventions = new List<InterventionSpec>();
        var parameterActions = new Dictionary<string, List<(int, int, bool)>>();
        foreach (var attr in type.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == LieInterventionAttribute))
        {
            var loc = attr.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation() ?? typeLocation;
            if (attr.ConstructorArguments.Length != 3 || attr.ConstructorArguments[0].Value is not string name || attr.ConstructorArguments[1].Value is not INamedTypeSymbol group)
            {
                problems.Add(new Problem(ProblemIds.BadIntervention, "A [LieIntervention] needs a name, a group type and targets.", loc));
                continue;
            }

            if (interventions.Any(i => i.Name == name))
            {
                problems.Add(new Problem(ProblemIds.BadIntervention, $"Two Lie interventions are named '{name}'.", loc));
                continue;
            }

            bool implementsGroup = group.AllInterfaces.Any(i => i.OriginalDefinition.ToDisplayString() == LieGroupInterface
                && i.TypeArguments.Length == 1 && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], group));
            if (!implementsGroup || group.IsGenericType || group.IsAbstract && group.TypeKind != TypeKind.Class)
            {
                problems.Add(new Problem(ProblemIds.BadIntervention, $"Group type '{group.ToDisplayString()}' of intervention '{name}' is not a Lie group: it must implement LieInter.ILieGroup<{group.Name}> (like Multiplicative, Shift or Affine).", loc));
                continue;
            }

            bool shared = attr.NamedArguments.Any(na => na.Key == "Shared" && na.Value.Value is true);
            var targetNames = attr.ConstructorArguments[2].Kind == TypedConstantKind.Array
                ? attr.ConstructorArguments[2].Values.Select(v => v.Value as string).ToArray()
                : Array.Empty<string?>();
            if (targetNames.Length == 0)
            {
                problems.Add(new Problem(ProblemIds.BadIntervention, $"Intervention '{name}' has no targets.", loc));
                continue;
            }

            var targets = new List<InterventionTargetSpec>();
            bool ok = true;
            foreach (var tn in targetNames)
            {
                if (tn is not null && nodeMap.TryGetValue(tn, out var n))
                {
                    targets.Add(new InterventionTargetSpec(tn, true, n.IsVector));
                }
                else if (tn is not null && paramMap.TryGetValue(tn, out var p))
                {
                    targets.Add(new InterventionTargetSpec(tn, false, p.Shape != ParamShape.Scalar));
                }
                else
                {
                    problems.Add(new Problem(ProblemIds.BadIntervention, $"Target '{tn}' of intervention '{name}' is neither a node nor a parameter of '{type.Name}'.", loc));
                    ok = false;
                }
            }

            if (targets.GroupBy(t => t.Name).Any(g => g.Count() > 1))
            {
                problems.Add(new Problem(ProblemIds.BadIntervention, $"Intervention '{name}' names a target twice.", loc));
                ok = false;
            }

            if (!ok)
            {
                continue;
            }

            int index = interventions.Count;
            for (int k = 0; k < targets.Count; k++)
            {
                if (!targets[k].IsNode)
                {
                    if (!parameterActions.TryGetValue(targets[k].Name, out var list))
                    {
                        parameterActions[targets[k].Name] = list = new List<(int, int, bool)>();
                    }

                    list.Add((index, k, shared));
                }
            }

            string groupName = group.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            interventions.Add(new InterventionSpec(name, groupName, AffineGroups.Contains(group.ToDisplayString()), targets.ToEquatableArray(), shared));
        }

        // Solvability declarations.
        var solvability = new List<SolvabilitySpec>();
        foreach (var attr in type.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == SolvabilityAttribute))
        {
            var loc = attr.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation() ?? typeLocation;
            string kind = attr.ConstructorArguments.Length == 1 && attr.ConstructorArguments[0].Value is int k
                ? k switch { 0 => "Contraction", 1 => "SpectralRadius", 2 => "Custom", _ => "" }
                : "";
            double bound = 1.0;
            string? parameter = null;
            string? method = null;
            foreach (var na in attr.NamedArguments)
            {
                switch (na.Key)
                {
                    case "Bound" when na.Value.Value is double b:
                        bound = b;
                        break;
                    case "Parameter":
                        parameter = na.Value.Value as string;
                        break;
                    case "Method":
                        method = na.Value.Value as string;
                        break;
                }
            }

            if (kind.Length == 0)
            {
                problems.Add(new Problem(ProblemIds.CycleWithoutSolvability, "Unknown solvability kind.", loc));
                continue;
            }

            if (kind == "SpectralRadius" && parameter is not null && !(paramMap.TryGetValue(parameter, out var sp) && sp.Shape is ParamShape.Matrix or ParamShape.Sparse))
            {
                problems.Add(new Problem(ProblemIds.CycleWithoutSolvability, $"[Solvability(SpectralRadius)] names '{parameter}', which is not a double[,] or SparseMatrix parameter of '{type.Name}'.", loc));
                continue;
            }

            if (kind == "Custom")
            {
                var m = method is null ? null : type.GetMembers(method).OfType<IMethodSymbol>().FirstOrDefault(x => x.Parameters.Length == 0 && x.ReturnType.SpecialType == SpecialType.System_Boolean && !x.IsStatic);
                if (m is null)
                {
                    problems.Add(new Problem(ProblemIds.CycleWithoutSolvability, $"[Solvability(Custom)] needs Method naming an instance method 'bool {method ?? "M"}()' of '{type.Name}'.", loc));
                    continue;
                }
            }

            if (!(bound > 0) || (kind == "Contraction" && !(bound <= 1.0)) || (kind == "SpectralRadius" && !(bound <= 1.0)))
            {
                problems.Add(new Problem(ProblemIds.CycleWithoutSolvability, $"Solvability bound {bound} must be in (0, 1].", loc));
                continue;
            }

            solvability.Add(new SolvabilitySpec(kind, bound, parameter, method));
        }

        // Assignments.
        var assignments = new List<AssignmentSpec>();
        var assigned = new HashSet<string>();
        var symbols = new ModelSymbols(type, nodeMap, paramMap, parameterActions.ToDictionary(kv => kv.Key, kv => kv.Value.Select(v => (v.Item1, v.Item2, v.Item3)).ToList()));
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            var attr = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == AssignmentAttribute);
            if (attr is null)
            {
                continue;
            }

            ct.ThrowIfCancellationRequested();
            var loc = method.Locations.FirstOrDefault();
            string? nodeName = attr.ConstructorArguments.Length == 1 ? attr.ConstructorArguments[0].Value as string : null;
            if (nodeName is null || !nodeMap.TryGetValue(nodeName, out var node))
            {
                problems.Add(new Problem(ProblemIds.UnknownOrDuplicateAssignment, $"Assignment '{method.Name}' names '{nodeName}', which is not a [Node] of '{type.Name}'.", attr.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation() ?? loc));
                continue;
            }

            if (!assigned.Add(nodeName))
            {
                problems.Add(new Problem(ProblemIds.UnknownOrDuplicateAssignment, $"Node '{nodeName}' has more than one assignment ('{method.Name}' is the second).", loc));
                continue;
            }

            bool signatureOk = !method.IsStatic && !method.IsGenericMethod && method.ReturnType.SpecialType == SpecialType.System_Double
                && (node.IsVector
                    ? method.Parameters.Length == 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_Int32 && method.Parameters[0].RefKind == RefKind.None
                    : method.Parameters.Length == 0);
            if (!signatureOk)
            {
                string expected = node.IsVector ? "double F(int i)" : "double F()";
                problems.Add(new Problem(ProblemIds.SignatureMismatch, $"Assignment '{method.Name}' of {(node.IsVector ? "vector" : "scalar")} node '{nodeName}' must be an instance method '{expected}'.", loc));
                continue;
            }

            var body = BodyLowering.Lower(symbols, compilation, method, problems, ct);
            if (body is not null)
            {
                assignments.Add(new AssignmentSpec(nodeName, method.Name, body));
            }
        }

        foreach (var n in nodes.Where(n => !assigned.Contains(n.Name)))
        {
            var member = type.GetMembers(n.Name).FirstOrDefault();
            problems.Add(new Problem(ProblemIds.NodeWithoutAssignment, $"Node '{n.Name}' has no [Assignment(nameof({n.Name}))] method.", member?.Locations.FirstOrDefault() ?? typeLocation));
        }

        if (nodes.Count == 0)
        {
            problems.Add(new Problem(ProblemIds.NodeWithoutAssignment, $"Model '{type.Name}' has no valid [Node] member (a double or double[] field or property).", typeLocation));
        }

        // Nodes in declaration order; assignments in node order.
        var ordered = nodes.Select(n => assignments.FirstOrDefault(a => a.Node == n.Name)).Where(a => a is not null).Select(a => a!).ToList();
        var edges = GraphAnalysis.Edges(nodes, ordered);
        bool affine = GraphAnalysis.IsAffineInState(ordered, interventions);

        // LIE0201: a cycle needs a declared solvability condition.
        if (solvability.Count == 0 && GraphAnalysis.HasCycle(nodes.Select(n => n.Name).ToList(), edges))
        {
            var syntax = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(ct)).OfType<TypeDeclarationSyntax>().FirstOrDefault();
            problems.Add(new Problem(ProblemIds.CycleWithoutSolvability, $"The causal graph of '{type.Name}' has a cycle ({GraphAnalysis.DescribeCycle(nodes.Select(n => n.Name).ToList(), edges)}) but no solvability condition; add [Solvability(...)] so the runtime can check the equilibrium exists before solving.", syntax?.Identifier.GetLocation() ?? typeLocation));
        }

        var parsed = new ParsedModel(nodes, parameters, interventions, ordered, edges, solvability.Count > 0, affine);
        if (problems.Skip(before).Any(p => p.BlocksGeneration))
        {
            return parsed;
        }

        var containing = new List<string>();
        for (var t = type.ContainingType; t is not null; t = t.ContainingType)
        {
            containing.Insert(0, Keyword(t) + " " + t.Name);
        }

        string ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();
        string hint = (ns.Length > 0 ? ns + "." : "") + string.Join(".", containing.Select(c => c.Split(' ').Last())) + (containing.Count > 0 ? "." : "") + type.Name;
        parsed.Spec = new ModelSpec(
            ns.Length == 0 ? null : ns,
            containing.ToEquatableArray(),
            type.Name,
            Keyword(type),
            hint + ".LieInter.g.cs",
            nodes.ToEquatableArray(),
            parameters.ToEquatableArray(),
            interventions.ToEquatableArray(),
            ordered.ToEquatableArray(),
            solvability.ToEquatableArray(),
            edges.ToEquatableArray(),
            affine,
            ShapeAnalysis.Requirements(nodes, parameters, ordered).ToEquatableArray());
        return parsed;
    }

    private static string Keyword(INamedTypeSymbol t) => t.IsRecord ? (t.TypeKind == TypeKind.Struct ? "record struct" : "record") : t.TypeKind == TypeKind.Struct ? "struct" : t.TypeKind == TypeKind.Interface ? "interface" : "class";
}
