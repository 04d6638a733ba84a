using System.Collections.Generic;
using System.Linq;
using LieInter.Generators.Spec;

namespace LieInter.Generators.Ir;

/// <summary>Reads the causal graph, element-level sparsity and affinity in the state off lowered bodies.</summary>
internal static class GraphAnalysis
{
    public static List<EdgeSpec> Edges(IReadOnlyList<NodeSpec> nodes, IReadOnlyList<AssignmentSpec> assignments)
    {
        var nodeMap = nodes.ToDictionary(n => n.Name);
        var edges = new List<EdgeSpec>();
        foreach (var a in assignments)
        {
            var child = nodeMap[a.Node];
            var ints = new Dictionary<string, IntExpr>();
            var reads = new List<ReadNode>();
            Collect(a.Body.Instrs, reads, ints);
            foreach (var group in reads.GroupBy(r => r.Node))
            {
                var parent = nodeMap[group.Key];
                string kind;
                var offsets = new SortedSet<int>();
                string? sparse = null;
                if (!child.IsVector && !parent.IsVector)
                {
                    kind = "Scalar";
                }
                else if (!child.IsVector)
                {
                    kind = "Reduction";
                }
                else if (!parent.IsVector)
                {
                    kind = "Broadcast";
                }
                else
                {
                    kind = "Banded";
                    foreach (var r in group)
                    {
                        var idx = Resolve(r.Index!, ints, 0);
                        if (OffsetOf(idx, a.Body.ElementVar) is int k)
                        {
                            offsets.Add(k);
                        }
                        else if (idx is IntSparseRead { Array: SparseArray.ColumnIndices } sr && (sparse is null || sparse == sr.Parameter))
                        {
                            sparse = sr.Parameter;
                        }
                        else
                        {
                            kind = "Dense";
                        }
                    }

                    if (kind != "Dense" && sparse is not null)
                    {
                        kind = offsets.Count == 0 ? "SparseRows" : "Dense";
                    }
                }

                edges.Add(new EdgeSpec(parent.Name, child.Name, kind, (kind == "Banded" ? offsets.ToList() : new List<int>()).ToEquatableArray(), kind == "SparseRows" ? sparse : null));
            }
        }

        return edges;
    }

    /// <summary>Parameters each assignment reads.</summary>
    public static List<string> ParametersRead(LoweredBody body)
    {
        var set = new List<string>();
        Walk(body.Instrs, i =>
        {
            if (i is ReadParameter p && !set.Contains(p.Parameter))
            {
                set.Add(p.Parameter);
            }
        });
        return set;
    }

    public static bool HasCycle(IReadOnlyList<string> nodes, IReadOnlyList<EdgeSpec> edges) => FindCycle(nodes, edges) is not null;

    public static string DescribeCycle(IReadOnlyList<string> nodes, IReadOnlyList<EdgeSpec> edges)
    {
        var cycle = FindCycle(nodes, edges);
        return cycle is null ? "" : string.Join(" -> ", cycle);
    }

    private static List<string>? FindCycle(IReadOnlyList<string> nodes, IReadOnlyList<EdgeSpec> edges)
    {
        var children = nodes.ToDictionary(n => n, n => edges.Where(e => e.Parent == n).Select(e => e.Child).ToList());
        var state = nodes.ToDictionary(n => n, _ => 0);
        var path = new List<string>();
        List<string>? found = null;

        bool Visit(string n)
        {
            state[n] = 1;
            path.Add(n);
            foreach (var c in children[n])
            {
                if (state[c] == 1)
                {
                    found = path.Skip(path.IndexOf(c)).Concat(new[] { c }).ToList();
                    return true;
                }

                if (state[c] == 0 && Visit(c))
                {
                    return true;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[n] = 2;
            return false;
        }

        foreach (var n in nodes)
        {
            if (state[n] == 0 && Visit(n))
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>True when every assignment (with the Lie interventions on it) is affine in the state.</summary>
    public static bool IsAffineInState(IReadOnlyList<AssignmentSpec> assignments, IReadOnlyList<InterventionSpec> interventions)
    {
        foreach (var a in assignments)
        {
            int degree = StateDegree(a.Body);
            if (degree > 1)
            {
                return false;
            }

            bool nonAffineGroup = interventions.Any(iv => !iv.GroupIsAffine && iv.Targets.Any(t => t.IsNode && t.Name == a.Node));
            if (degree > 0 && nonAffineGroup)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Polynomial degree in the state of a body's result, capped at 2 (2 = nonlinear).</summary>
    public static int StateDegree(LoweredBody body)
    {
        var temps = new int[body.TempCount];
        var locals = new Dictionary<string, int>();
        bool changed = true;
        while (changed)
        {
            changed = false;
            Walk(body.Instrs, instr =>
            {
                int Deg(Operand o) => o is Temp t ? temps[t.Id] : 0;
                void SetTemp(int id, int d)
                {
                    d = d > 2 ? 2 : d;
                    if (d > temps[id])
                    {
                        temps[id] = d;
                        changed = true;
                    }
                }

                switch (instr)
                {
                    case ReadNode r:
                        SetTemp(r.Dest, 1);
                        break;
                    case ApplyGroup g:
                        SetTemp(g.Dest, Deg(g.Source));
                        break;
                    case Negate n:
                        SetTemp(n.Dest, Deg(n.Operand));
                        break;
                    case Binary b:
                        {
                            int l = Deg(b.Left), r = Deg(b.Right);
                            SetTemp(b.Dest, b.Op switch
                            {
                                "*" => l + r,
                                "/" => r > 0 ? 2 : l,
                                _ => l > r ? l : r,
                            });
                            break;
                        }

                    case Call c:
                        SetTemp(c.Dest, c.Args.Any(x => Deg(x) > 0) ? 2 : 0);
                        break;
                    case ReadLocal rl:
                        SetTemp(rl.Dest, locals.TryGetValue(rl.Local, out var dl) ? dl : 0);
                        break;
                    case AssignLocal al:
                        Raise(al.Local, Deg(al.Value));
                        break;
                    case AccumulateLocal ac:
                        Raise(ac.Local, Deg(ac.Value));
                        break;
                }

                void Raise(string local, int d)
                {
                    int old = locals.TryGetValue(local, out var o) ? o : 0;
                    if (d > old)
                    {
                        locals[local] = d;
                        changed = true;
                    }
                }
            });
        }

        return body.Result is Temp rt ? temps[rt.Id] : 0;
    }

    /// <summary>Visits every instruction, nested ones included, in program order.</summary>
    public static void Walk(EquatableArray<Instr> instrs, System.Action<Instr> visit)
    {
        foreach (var i in instrs)
        {
            visit(i);
            switch (i)
            {
                case ForLoop f:
                    Walk(f.Body, visit);
                    break;
                case IfElse c:
                    Walk(c.Then, visit);
                    Walk(c.Else, visit);
                    break;
            }
        }
    }

    private static void Collect(EquatableArray<Instr> instrs, List<ReadNode> reads, Dictionary<string, IntExpr> ints) =>
        Walk(instrs, i =>
        {
            if (i is ReadNode r)
            {
                reads.Add(r);
            }
            else if (i is DeclareInt d)
            {
                ints[d.Name] = d.Value;
            }
        });

    private static IntExpr Resolve(IntExpr e, Dictionary<string, IntExpr> ints, int depth) => e switch
    {
        IntVar v when depth < 16 && ints.TryGetValue(v.Name, out var def) => Resolve(def, ints, depth + 1),
        IntBinary b => new IntBinary(b.Op, Resolve(b.Left, ints, depth + 1), Resolve(b.Right, ints, depth + 1)),
        _ => e,
    };

    private static int? OffsetOf(IntExpr e, string? elementVar)
    {
        if (elementVar is null)
        {
            return null;
        }

        return e switch
        {
            IntVar v when v.Name == elementVar => 0,
            IntBinary { Op: "+", Left: IntVar v, Right: IntConst c } when v.Name == elementVar => c.Value,
            IntBinary { Op: "+", Left: IntConst c, Right: IntVar v } when v.Name == elementVar => c.Value,
            IntBinary { Op: "-", Left: IntVar v, Right: IntConst c } when v.Name == elementVar => -c.Value,
            _ => null,
        };
    }
}
