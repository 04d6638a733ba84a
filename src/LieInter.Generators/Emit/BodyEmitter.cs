using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using LieInter.Generators.Ir;
using LieInter.Generators.Spec;

namespace LieInter.Generators.Emit;

/// <summary>Which derivative sources are switched on in a tangent or adjoint variant.</summary>
internal readonly struct Variant
{
    public Variant(bool state, bool theta, bool u)
    {
        State = state;
        Theta = theta;
        U = u;
    }

    public bool State { get; }

    public bool Theta { get; }

    public bool U { get; }

    public static Variant StateOnly => new(true, false, false);

    public static Variant Full => new(true, true, true);

    /// <summary>State and Lie coordinates, parameters inactive: what intervention design needs.</summary>
    public static Variant StateAndCoordinates => new(true, false, true);
}

/// <summary>
/// Emits the primal, tangent (forward-mode) and adjoint (reverse-mode) code of one assignment body.
/// </summary>
/// <remarks>
/// Tangent code pairs every active value v with v_d, statement by statement. Adjoint code runs a forward sweep
/// that computes only the primal values the reverse sweep needs and cannot recompute, then the reverse sweep:
/// statements and loops backwards, each operation passing its result's adjoint to its operands. Values that only
/// depend on indices, nodes, parameters and u are recomputed in the reverse sweep instead of stored; values read
/// from locals that are overwritten inside loops are pushed on a tape. For x_i = sum_j A[i,j] x_j + y_i nothing is
/// needed, the forward sweep vanishes, and the adjoint is one transposed row product.
/// </remarks>
internal sealed class BodyEmitter
{
    private readonly ModelSpec _model;
    private readonly NodeSpec _node;
    private readonly EquatableArray<Instr> _instrs;
    private readonly Operand _result;
    private readonly int _tempCount;
    private readonly Dictionary<int, TempInstr> _defs = new();
    private readonly HashSet<int> _inLoop = new();
    private readonly HashSet<int> _nested = new();
    private readonly bool[] _recomputable;

    // Per-variant analysis.
    private bool[] _active = System.Array.Empty<bool>();
    private HashSet<string> _activeLocals = new();
    private bool[] _needed = System.Array.Empty<bool>();
    private bool[] _live = System.Array.Empty<bool>();
    private HashSet<string> _liveLocals = new();
    private Variant _variant;
    private bool _reverse;

    // Prologue requirements collected while emitting (slices, cached parameter references).
    private readonly SortedSet<string> _needs = new(System.StringComparer.Ordinal);

    public BodyEmitter(ModelSpec model, AssignmentSpec assignment, int slotBase = 0)
    {
        SlotBase = slotBase;
        _model = model;
        _node = model.Nodes.First(n => n.Name == assignment.Node);
        ElementVar = assignment.Body.ElementVar is null ? null : "i_" + assignment.Body.ElementVar;

        // Append the Lie interventions acting on this node's assignment, in declaration order.
        var instrs = assignment.Body.Instrs.ToList();
        var result = assignment.Body.Result;
        int temps = assignment.Body.TempCount;
        for (int iv = 0; iv < model.Interventions.Count; iv++)
        {
            var intervention = model.Interventions[iv];
            for (int tg = 0; tg < intervention.Targets.Count; tg++)
            {
                var target = intervention.Targets[tg];
                if (target.IsNode && target.Name == _node.Name)
                {
                    IntExpr? element = intervention.Shared || !_node.IsVector ? null : new IntVar(assignment.Body.ElementVar!);
                    int t = temps++;
                    instrs.Add(new ApplyGroup(t, result, iv, tg, element));
                    result = new Temp(t);
                }
            }
        }

        _instrs = instrs.ToEquatableArray();
        _result = result;
        _tempCount = temps;
        Index(_instrs, false, false);
        _recomputable = new bool[_tempCount];
        ComputeRecomputable();

        // Row products over the element's own row with bounds fixed for the whole node: computed for all rows at once
        // (a blocked matrix-vector pass) before the element loop, instead of one row per element call.
        if (assignment.Body.ElementVar is { } elementIndex)
        {
            foreach (var f in _instrs.OfType<ForLoop>())
            {
                var p = MatchProduct(f, model);
                var own = new IntVar(elementIndex);
                bool row = p is { Kind: ProductKind.Row } && p.Index == own && Invariant(f.Start) && Invariant(f.End);

                // for (k = A.RowPointers[i]; k < A.RowPointers[i + 1]; k++): the element's own CSR row.
                bool csr = p is { Kind: ProductKind.Sparse }
                    && f.Start == new IntSparseRead(p.Coefficient.Parameter, SparseArray.RowPointers, own)
                    && (f.End == new IntSparseRead(p.Coefficient.Parameter, SparseArray.RowPointers, new IntBinary("+", own, new IntConst(1)))
                        || f.End == new IntSparseRead(p.Coefficient.Parameter, SparseArray.RowPointers, new IntBinary("+", new IntConst(1), own)));
                if (row || csr)
                {
                    _hoisted.Add(p!);
                }
            }
        }
    }

    private readonly List<Product> _hoisted = new();

    /// <summary>Workspace slots of this body's blocked products start here; each takes three (A x, A dx, adjoint
    /// coefficients).</summary>
    public int SlotBase { get; }

    /// <summary>Number of workspace slots the blocked products use.</summary>
    public int SlotCount => 3 * _hoisted.Count;

    /// <summary>Whether the element loops of this node run whole matrix-vector passes (blocked variants exist).</summary>
    public bool HasBlockedProducts => _hoisted.Count > 0;

    // Emitting the blocked variant (reads and writes the hoisted buffers) rather than the row-at-a-time one.
    private bool _blocked;

    private static bool Invariant(IntExpr e) => e switch
    {
        IntConst => true,
        IntLength { Kind: LengthKind.Node } => true,
        IntBinary b => Invariant(b.Left) && Invariant(b.Right),
        IntNegate n => Invariant(n.Operand),
        _ => false,
    };

    private int? Slot(ForLoop f)
    {
        if (!_blocked)
        {
            return null;
        }

        int k = _hoisted.FindIndex(p => ReferenceEquals(p.Loop, f));
        return k < 0 ? null : SlotBase + 3 * k;
    }

    /// <summary>Name of the element index parameter (vector nodes), null for scalar nodes.</summary>
    public string? ElementVar { get; }

    /// <summary>Whether the body's value depends on the state at all.</summary>
    public bool DependsOnState
    {
        get
        {
            Analyse(Variant.StateOnly, reverse: false);
            return IsActive(_result);
        }
    }

    // ================================================================ public emitters

    /// <summary>Statements computing the node value, ending with a return.</summary>
    public string Primal(int indent, bool blocked = false)
    {
        _blocked = blocked;
        Analyse(new Variant(false, false, false), reverse: false);
        var body = new CodeWriter(indent);
        EmitPrimalBlock(_instrs, body);
        body.Line($"return {Op(_result)};");
        return Assemble(indent, LocalDeclarations(withTangents: false), body.ToString());
    }

    /// <summary>Statements computing the value and its tangent (assigned to <c>d</c>), ending with a return.</summary>
    public string Tangent(Variant variant, int indent, bool blocked = false)
    {
        _blocked = blocked;
        Analyse(variant, reverse: false);
        var body = new CodeWriter(indent);
        EmitTangentBlock(_instrs, body);
        body.Line($"d = {Dot(_result) ?? "0.0"};");
        body.Line($"return {Op(_result)};");
        return Assemble(indent, LocalDeclarations(withTangents: true), body.ToString());
    }

    /// <summary>Statements accumulating seed * d value / d (x, theta, u) into xb, thb, ub.</summary>
    public string Adjoint(Variant variant, int indent, bool blocked = false)
    {
        _blocked = blocked;
        Analyse(variant, reverse: true);
        if (!IsActive(_result))
        {
            return "";
        }

        var body = new CodeWriter(indent);
        bool taped = Enumerable.Range(0, _tempCount).Any(Taped);
        if (taped)
        {
            body.Line("double[] __tape = __workspace.Tape;");
            body.Line("int __tp = 0;");
        }

        EmitForwardBlock(_instrs, body);
        EmitReverseBlock(_instrs, body, top: true);

        var decls = new List<(string, string)>();
        foreach (var l in _liveLocals.OrderBy(x => x, System.StringComparer.Ordinal))
        {
            decls.Add(("v_" + l, $"double v_{l} = 0.0;"));
        }

        foreach (var l in _activeLocals.OrderBy(x => x, System.StringComparer.Ordinal))
        {
            decls.Add(("v_" + l + "_b", $"double v_{l}_b = 0.0;"));
        }

        // Top-level integers: declared once, kept only when the sweeps use them.
        foreach (var d in _instrs.OfType<DeclareInt>())
        {
            decls.Add(("i_" + d.Name, $"int i_{d.Name} = {Int(d.Value)};"));
        }

        for (int t = 0; t < _tempCount; t++)
        {
            if (_needed[t] && !_recomputable[t] && _nested.Contains(t))
            {
                decls.Add(($"t{t}", $"double t{t} = 0.0;"));
            }
        }

        return Assemble(indent, decls, body.ToString());
    }

    /// <summary>Prologue lines (spans and cached references) the last emitted body needs.</summary>
    public IEnumerable<string> Prologue(bool tangent, bool adjoint)
    {
        foreach (var need in _needs)
        {
            var parts = need.Split(':');
            string kind = parts[0], name = parts[1];
            switch (kind)
            {
                case "x":
                    yield return $"global::System.ReadOnlySpan<double> x_{name} = x.Slice(o.O_{name}, o.N_{name});";
                    break;
                case "dx":
                    yield return $"global::System.ReadOnlySpan<double> dx_{name} = dx.Slice(o.O_{name}, o.N_{name});";
                    break;
                case "xb":
                    yield return $"global::System.Span<double> xb_{name} = xb.Slice(o.O_{name}, o.N_{name});";
                    break;
                case "p":
                    yield return $"var p_{name} = this.{ModelEmitter.Id(name)};";
                    break;
                case "pv":
                    yield return $"double[] pv_{name} = this.{ModelEmitter.Id(name)}.Values;";
                    break;
                case "hx":
                case "hd":
                    yield return $"global::System.ReadOnlySpan<double> {kind}_{name} = __workspace.Hoisted({name});";
                    break;
                case "hc":
                    yield return $"global::System.Span<double> hc_{name} = __workspace.Hoisted({name});";
                    break;
                case "pf":
                    yield return $"global::System.ReadOnlySpan<double> pf_{name} = global::LieInter.Generated.Kernels.Flat(this.{ModelEmitter.Id(name)});";
                    break;
                case "rp":
                    yield return $"int[] rp_{name} = this.{ModelEmitter.Id(name)}.RowPointers;";
                    break;
                case "ci":
                    yield return $"int[] ci_{name} = this.{ModelEmitter.Id(name)}.ColumnIndices;";
                    break;
                case "dth":
                    yield return $"global::System.ReadOnlySpan<double> dth_{name} = dth.Slice(o.P_{name}, o.L_{name});";
                    break;
                case "thb":
                    yield return $"global::System.Span<double> thb_{name} = thb.Slice(o.P_{name}, o.L_{name});";
                    break;
                case "u":
                    yield return $"global::System.ReadOnlySpan<double> u_{name} = u.Slice(o.U_{name}, o.UL_{name});";
                    break;
                case "du":
                    yield return $"global::System.ReadOnlySpan<double> du_{name} = du.Slice(o.U_{name}, o.UL_{name});";
                    break;
                case "ub":
                    yield return $"global::System.Span<double> ub_{name} = ub.Slice(o.U_{name}, o.UL_{name});";
                    break;
            }
        }
    }

    // ================================================================ analysis

    private void Index(EquatableArray<Instr> block, bool inLoop, bool nested)
    {
        foreach (var i in block)
        {
            switch (i)
            {
                case TempInstr t:
                    _defs[t.Dest] = t;
                    if (inLoop)
                    {
                        _inLoop.Add(t.Dest);
                    }

                    if (nested)
                    {
                        _nested.Add(t.Dest);
                    }

                    break;
                case ForLoop f:
                    Index(f.Body, true, true);
                    break;
                case IfElse c:
                    Index(c.Then, inLoop, true);
                    Index(c.Else, inLoop, true);
                    break;
            }
        }
    }

    private void ComputeRecomputable()
    {
        for (int t = 0; t < _tempCount; t++)
        {
            if (_defs.ContainsKey(t))
            {
                _recomputable[t] = Recomputable(t, 0);
            }
        }
    }

    private bool Recomputable(int t, int depth)
    {
        if (depth > 10_000 || !_defs.TryGetValue(t, out var d))
        {
            return false;
        }

        return d switch
        {
            ReadNode or ReadParameter or IntToReal => true,
            ReadLocal => false,
            _ => Operands(d).All(o => o is not Temp ot || Recomputable(ot.Id, depth + 1)),
        };
    }

    private static IEnumerable<Operand> Operands(TempInstr i) => i switch
    {
        ApplyGroup g => new[] { g.Source },
        Negate n => new[] { n.Operand },
        Binary b => new[] { b.Left, b.Right },
        Call c => c.Args,
        _ => System.Array.Empty<Operand>(),
    };

    private void Analyse(Variant variant, bool reverse)
    {
        _variant = variant;
        _reverse = reverse;
        _needs.Clear();
        _active = new bool[_tempCount];
        _activeLocals = new HashSet<string>();
        bool changed = true;
        while (changed)
        {
            changed = false;
            GraphAnalysis.Walk(_instrs, instr =>
            {
                bool a;
                switch (instr)
                {
                    case ReadNode r:
                        a = variant.State;
                        Mark(r.Dest, a);
                        break;
                    case ReadParameter p:
                        Mark(p.Dest, variant.Theta);
                        break;
                    case ApplyGroup g:
                        Mark(g.Dest, variant.U || IsActive(g.Source));
                        break;
                    case Negate n:
                        Mark(n.Dest, IsActive(n.Operand));
                        break;
                    case Binary b:
                        Mark(b.Dest, IsActive(b.Left) || IsActive(b.Right));
                        break;
                    case Call c:
                        Mark(c.Dest, c.Args.Any(IsActive));
                        break;
                    case ReadLocal rl:
                        Mark(rl.Dest, _activeLocals.Contains(rl.Local));
                        break;
                    case AssignLocal al when IsActive(al.Value):
                        changed |= _activeLocals.Add(al.Local);
                        break;
                    case AccumulateLocal ac when IsActive(ac.Value):
                        changed |= _activeLocals.Add(ac.Local);
                        break;
                }
            });

            void Mark(int t, bool a)
            {
                if (a && !_active[t])
                {
                    _active[t] = true;
                    changed = true;
                }
            }
        }

        _needed = new bool[_tempCount];
        _live = new bool[_tempCount];
        _liveLocals = new HashSet<string>();
        if (!reverse)
        {
            return;
        }

        // Primal values the reverse sweep reads.
        GraphAnalysis.Walk(_instrs, instr =>
        {
            if (instr is not TempInstr t || !_active[t.Dest])
            {
                return;
            }

            switch (t)
            {
                case ApplyGroup g when _variant.U || !Target(g).Intervention.GroupIsAffine:
                    // An affine action's derivative in the value does not depend on the value: without the u
                    // adjoint, the reverse sweep needs no forward pass (the VJP of x = A x + y reads A once).
                    Need(g.Source);
                    break;
                case Binary { Op: "*" } b:
                    if (IsActive(b.Left))
                    {
                        Need(b.Right);
                    }

                    if (IsActive(b.Right))
                    {
                        Need(b.Left);
                    }

                    break;
                case Binary { Op: "/" } b:
                    Need(b.Right);
                    if (IsActive(b.Right))
                    {
                        _needed[b.Dest] = true;
                    }

                    break;
                case Call c:
                    {
                        var fn = SmoothFunctionTable.FindByKey(c.Function)!;
                        for (int k = 0; k < c.Args.Count; k++)
                        {
                            if (!IsActive(c.Args[k]))
                            {
                                continue;
                            }

                            foreach (int n in fn.Needs(k))
                            {
                                if (n < 0)
                                {
                                    _needed[c.Dest] = true;
                                }
                                else
                                {
                                    Need(c.Args[n]);
                                }
                            }
                        }

                        break;
                    }
            }
        });

        // Forward-sweep liveness: what computes the needed values that cannot be recomputed.
        for (int t = 0; t < _tempCount; t++)
        {
            if (_needed[t] && !_recomputable[t])
            {
                _live[t] = true;
            }
        }

        changed = true;
        while (changed)
        {
            changed = false;
            GraphAnalysis.Walk(_instrs, instr =>
            {
                switch (instr)
                {
                    case ReadLocal rl when _live[rl.Dest]:
                        changed |= _liveLocals.Add(rl.Local);
                        break;
                    case TempInstr t when _live[t.Dest]:
                        foreach (var o in Operands(t))
                        {
                            if (o is Temp ot && !_live[ot.Id])
                            {
                                _live[ot.Id] = true;
                                changed = true;
                            }
                        }

                        break;
                    case AssignLocal al when _liveLocals.Contains(al.Local) && al.Value is Temp at && !_live[at.Id]:
                        _live[at.Id] = true;
                        changed = true;
                        break;
                    case AccumulateLocal ac when _liveLocals.Contains(ac.Local) && ac.Value is Temp act && !_live[act.Id]:
                        _live[act.Id] = true;
                        changed = true;
                        break;
                }
            });
        }

        void Need(Operand o)
        {
            if (o is Temp t)
            {
                _needed[t.Id] = true;
            }
        }
    }

    private bool IsActive(Operand o) => o is Temp t && _active[t.Id];

    private bool Taped(int t) => _reverse && _needed[t] && !_recomputable[t] && _inLoop.Contains(t);

    private bool BlockHasActive(EquatableArray<Instr> block)
    {
        bool any = false;
        GraphAnalysis.Walk(block, i =>
        {
            any |= i switch
            {
                TempInstr t => _active[t.Dest],
                AssignLocal al => _activeLocals.Contains(al.Local),
                AccumulateLocal ac => _activeLocals.Contains(ac.Local) && IsActive(ac.Value),
                _ => false,
            };
        });
        return any;
    }

    private bool BlockHasLive(EquatableArray<Instr> block)
    {
        bool any = false;
        GraphAnalysis.Walk(block, i =>
        {
            any |= i switch
            {
                TempInstr t => _live[t.Dest],
                AssignLocal al => _liveLocals.Contains(al.Local),
                AccumulateLocal ac => _liveLocals.Contains(ac.Local),
                _ => false,
            };
        });
        return any;
    }

    // ================================================================ primal and tangent

    private void EmitPrimalBlock(EquatableArray<Instr> block, CodeWriter w)
    {
        foreach (var instr in block)
        {
            switch (instr)
            {
                case TempInstr t:
                    w.Line($"double t{t.Dest} = {Expr(t, Op)};");
                    break;
                case ForLoop f when MatchProduct(f) is { } product:
                    w.Line($"v_{product.Sum.Local} {product.Sign}= {(Slot(f) is int slot ? Hoisted("hx", slot) : ProductCall(product, "x"))};");
                    break;
                case ForLoop f:
                    w.Open($"for (int i_{f.Var} = {Int(f.Start)}; i_{f.Var} < {Int(f.End)}; i_{f.Var}++)");
                    EmitPrimalBlock(f.Body, w);
                    w.Close();
                    break;
                case IfElse c:
                    EmitIf(c, w, b => EmitPrimalBlock(b, w));
                    break;
                default:
                    EmitCommon(instr, w, Op);
                    break;
            }
        }
    }

    private void EmitTangentBlock(EquatableArray<Instr> block, CodeWriter w)
    {
        foreach (var instr in block)
        {
            switch (instr)
            {
                case TempInstr t:
                    w.Line($"double t{t.Dest} = {Expr(t, Op)};");
                    if (_active[t.Dest])
                    {
                        w.Line($"double t{t.Dest}_d = {TangentExpr(t)};");
                    }

                    break;
                case AssignLocal al:
                    w.Line($"v_{al.Local} = {Op(al.Value)};");
                    if (_activeLocals.Contains(al.Local))
                    {
                        w.Line($"v_{al.Local}_d = {Dot(al.Value) ?? "0.0"};");
                    }

                    break;
                case AccumulateLocal ac:
                    w.Line($"v_{ac.Local} {(ac.Subtract ? "-=" : "+=")} {Op(ac.Value)};");
                    if (Dot(ac.Value) is { } d)
                    {
                        w.Line($"v_{ac.Local}_d {(ac.Subtract ? "-=" : "+=")} {d};");
                    }

                    break;
                case ForLoop f when MatchProduct(f) is { } product:
                    EmitProductTangent(product, w, Slot(f));
                    break;
                case ForLoop f:
                    w.Open($"for (int i_{f.Var} = {Int(f.Start)}; i_{f.Var} < {Int(f.End)}; i_{f.Var}++)");
                    EmitTangentBlock(f.Body, w);
                    w.Close();
                    break;
                case IfElse c:
                    EmitIf(c, w, b => EmitTangentBlock(b, w));
                    break;
                default:
                    EmitCommon(instr, w, Op);
                    break;
            }
        }
    }

    private void EmitCommon(Instr instr, CodeWriter w, System.Func<Operand, string> op)
    {
        switch (instr)
        {
            case AssignLocal al:
                w.Line($"v_{al.Local} = {op(al.Value)};");
                break;
            case AccumulateLocal ac:
                w.Line($"v_{ac.Local} {(ac.Subtract ? "-=" : "+=")} {op(ac.Value)};");
                break;
            case DeclareInt d:
                w.Line($"int i_{d.Name} = {Int(d.Value)};");
                break;
        }
    }

    private void EmitIf(IfElse c, CodeWriter w, System.Action<EquatableArray<Instr>> emit)
    {
        w.Open($"if ({Bool(c.Condition)})");
        emit(c.Then);
        w.Close();
        if (c.Else.Count > 0)
        {
            w.Open("else");
            emit(c.Else);
            w.Close();
        }
    }

    private string? Dot(Operand o) => IsActive(o) ? $"t{((Temp)o).Id}_d" : null;

    private string TangentExpr(TempInstr t)
    {
        switch (t)
        {
            case ReadNode r:
                return r.Index is null ? $"dx[o.O_{r.Node}]" : $"{NeedName("dx", r.Node)}[{Int(r.Index)}]";
            case ReadParameter p:
                return ThetaElement("dth", p);
            case ApplyGroup g:
                {
                    var (iv, target) = Target(g);
                    string du = _variant.U ? USlice("du", g) : "global::System.ReadOnlySpan<double>.Empty";
                    return $"global::LieInter.Generated.LieGroupOps<{iv.GroupType}>.ApplyTangent({USlice("u", g)}, {Op(g.Source)}, {Dot(g.Source) ?? "0.0"}, {du})";
                }

            case Negate n:
                return $"-{Dot(n.Operand)}";
            case Binary b:
                {
                    string? da = Dot(b.Left), db = Dot(b.Right);
                    string a = Op(b.Left), bb = Op(b.Right);
                    switch (b.Op)
                    {
                        case "+":
                            return da is null ? db! : db is null ? da : $"{da} + {db}";
                        case "-":
                            return da is null ? $"-{db}" : db is null ? da : $"{da} - {db}";
                        case "*":
                            return da is null ? $"{a} * {db}" : db is null ? $"{da} * {bb}" : $"{da} * {bb} + {a} * {db}";
                        default:
                            return da is null ? $"-t{b.Dest} * {db} / {bb}" : db is null ? $"{da} / {bb}" : $"({da} - t{b.Dest} * {db}) / {bb}";
                    }
                }

            case Call c:
                {
                    var fn = SmoothFunctionTable.FindByKey(c.Function)!;
                    var args = c.Args.Select(Op).ToList();
                    var terms = new List<string>();
                    for (int k = 0; k < c.Args.Count; k++)
                    {
                        if (Dot(c.Args[k]) is { } dk)
                        {
                            terms.Add($"({fn.Partial(k, args, "t" + c.Dest)}) * {dk}");
                        }
                    }

                    return string.Join(" + ", terms);
                }

            case ReadLocal rl:
                return $"v_{rl.Local}_d";
            default:
                return "0.0";
        }
    }

    // ================================================================ adjoint

    private void EmitForwardBlock(EquatableArray<Instr> block, CodeWriter w)
    {
        foreach (var instr in block)
        {
            switch (instr)
            {
                case TempInstr t when _live[t.Dest]:
                    if (_needed[t.Dest] && !_recomputable[t.Dest] && _nested.Contains(t.Dest))
                    {
                        if (Taped(t.Dest))
                        {
                            w.Line("if (__tp == __tape.Length) __tape = __workspace.GrowTape();");
                            w.Line($"__tape[__tp++] = t{t.Dest};");
                        }

                        w.Line($"t{t.Dest} = {Expr(t, Op)};");
                    }
                    else
                    {
                        w.Line($"double t{t.Dest} = {Expr(t, Op)};");
                    }

                    break;
                case AssignLocal al when _liveLocals.Contains(al.Local):
                case AccumulateLocal ac when _liveLocals.Contains(ac.Local):
                    EmitCommon(instr, w, Op);
                    break;
                case ForLoop f when MatchProduct(f) is { } product:
                    if (_liveLocals.Contains(product.Sum.Local))
                    {
                        w.Line($"v_{product.Sum.Local} {product.Sign}= {(Slot(f) is int slot ? Hoisted("hx", slot) : ProductCall(product, "x"))};");
                    }

                    break;
                case ForLoop f when BlockHasLive(f.Body):
                    w.Open($"for (int i_{f.Var} = {Int(f.Start)}; i_{f.Var} < {Int(f.End)}; i_{f.Var}++)");
                    EmitPruned(w, f.Body, inner => EmitForwardBlock(f.Body, inner));
                    w.Close();
                    break;
                case IfElse c when BlockHasLive(c.Then) || BlockHasLive(c.Else):
                    w.Open($"if ({Bool(c.Condition)})");
                    EmitPruned(w, c.Then, inner => EmitForwardBlock(c.Then, inner));
                    w.Close();
                    if (BlockHasLive(c.Else))
                    {
                        w.Open("else");
                        EmitPruned(w, c.Else, inner => EmitForwardBlock(c.Else, inner));
                        w.Close();
                    }

                    break;
            }
        }
    }

    private void EmitReverseBlock(EquatableArray<Instr> block, CodeWriter w, bool top)
    {
        // Recompute the needed values of this block that depend only on indices, nodes, parameters and u.
        var recompute = new SortedSet<int>();
        foreach (var instr in block)
        {
            if (instr is TempInstr t && _needed[t.Dest] && _recomputable[t.Dest])
            {
                AddChain(t.Dest, recompute);
            }
        }

        foreach (var instr in block)
        {
            if (instr is TempInstr t && recompute.Contains(t.Dest))
            {
                w.Line($"double r{t.Dest} = {Expr(t, RevOp)};");
            }
        }

        foreach (var instr in block)
        {
            if (instr is TempInstr t && _active[t.Dest])
            {
                w.Line($"double t{t.Dest}_b = 0.0;");
            }
        }

        if (top && _result is Temp rt)
        {
            w.Line($"t{rt.Id}_b = seed;");
        }

        for (int k = block.Count - 1; k >= 0; k--)
        {
            var instr = block[k];
            switch (instr)
            {
                case TempInstr t:
                    if (_active[t.Dest])
                    {
                        EmitAdjointOf(t, w);
                    }

                    if (Taped(t.Dest))
                    {
                        w.Line($"t{t.Dest} = __tape[--__tp];");
                    }

                    break;
                case AssignLocal al when _activeLocals.Contains(al.Local):
                    if (IsActive(al.Value))
                    {
                        w.Line($"t{((Temp)al.Value).Id}_b += v_{al.Local}_b;");
                    }

                    w.Line($"v_{al.Local}_b = 0.0;");
                    break;
                case AccumulateLocal ac when _activeLocals.Contains(ac.Local) && IsActive(ac.Value):
                    w.Line($"t{((Temp)ac.Value).Id}_b {(ac.Subtract ? "-=" : "+=")} v_{ac.Local}_b;");
                    break;
                case ForLoop f when MatchProduct(f) is { } product:
                    EmitProductAdjoint(product, w, Slot(f));
                    break;
                case ForLoop f when BlockHasActive(f.Body):
                    w.Open($"for (int i_{f.Var} = {Int(f.End)} - 1; i_{f.Var} >= {Int(f.Start)}; i_{f.Var}--)");
                    EmitPruned(w, f.Body, inner => EmitReverseBlock(f.Body, inner, top: false));
                    w.Close();
                    break;
                case IfElse c when BlockHasActive(c.Then) || BlockHasActive(c.Else):
                    w.Open($"if ({Bool(c.Condition)})");
                    EmitPruned(w, c.Then, inner => EmitReverseBlock(c.Then, inner, top: false));
                    w.Close();
                    if (BlockHasActive(c.Else))
                    {
                        w.Open("else");
                        EmitPruned(w, c.Else, inner => EmitReverseBlock(c.Else, inner, top: false));
                        w.Close();
                    }

                    break;
            }
        }
    }

    private void AddChain(int t, SortedSet<int> set)
    {
        if (!set.Add(t))
        {
            return;
        }

        foreach (var o in Operands(_defs[t]))
        {
            if (o is Temp ot)
            {
                AddChain(ot.Id, set);
            }
        }
    }

    private void EmitAdjointOf(TempInstr t, CodeWriter w)
    {
        string tb = $"t{t.Dest}_b";
        switch (t)
        {
            case ReadNode r:
                w.Line(r.Index is null ? $"xb[o.O_{r.Node}] += {tb};" : $"{NeedName("xb", r.Node)}[{Int(r.Index)}] += {tb};");
                break;
            case ReadParameter p:
                w.Line($"{ThetaElement("thb", p)} += {tb};");
                break;
            case ApplyGroup g:
                {
                    var (iv, _) = Target(g);
                    string ub = _variant.U ? USlice("ub", g) : "global::System.Span<double>.Empty";
                    string value = g.Source is Temp st && !_needed[st.Id] ? "0.0" : RevOp(g.Source);
                    string call = $"global::LieInter.Generated.LieGroupOps<{iv.GroupType}>.ApplyAdjoint({USlice("u", g)}, {value}, {tb}, {ub})";
                    w.Line(IsActive(g.Source) ? $"t{((Temp)g.Source).Id}_b += {call};" : $"_ = {call};");
                    break;
                }

            case Negate n:
                w.Line($"t{((Temp)n.Operand).Id}_b -= {tb};");
                break;
            case Binary b:
                {
                    bool al = IsActive(b.Left), ar = IsActive(b.Right);
                    string L = al ? $"t{((Temp)b.Left).Id}_b" : "", R = ar ? $"t{((Temp)b.Right).Id}_b" : "";
                    switch (b.Op)
                    {
                        case "+":
                            if (al) w.Line($"{L} += {tb};");
                            if (ar) w.Line($"{R} += {tb};");
                            break;
                        case "-":
                            if (al) w.Line($"{L} += {tb};");
                            if (ar) w.Line($"{R} -= {tb};");
                            break;
                        case "*":
                            if (al) w.Line($"{L} += {tb} * {RevOp(b.Right)};");
                            if (ar) w.Line($"{R} += {tb} * {RevOp(b.Left)};");
                            break;
                        default:
                            if (al) w.Line($"{L} += {tb} / {RevOp(b.Right)};");
                            if (ar) w.Line($"{R} -= {tb} * {RevOp(new Temp(b.Dest))} / {RevOp(b.Right)};");
                            break;
                    }

                    break;
                }

            case Call c:
                {
                    var fn = SmoothFunctionTable.FindByKey(c.Function)!;
                    var args = c.Args.Select(RevOp).ToList();
                    for (int k = 0; k < c.Args.Count; k++)
                    {
                        if (IsActive(c.Args[k]))
                        {
                            w.Line($"t{((Temp)c.Args[k]).Id}_b += {tb} * ({fn.Partial(k, args, RevOp(new Temp(c.Dest)))});");
                        }
                    }

                    break;
                }

            case ReadLocal rl:
                w.Line($"v_{rl.Local}_b += {tb};");
                break;
        }
    }

    /// <summary>Emits a nested block, re-declaring only the integer locals of that block its code uses.</summary>
    private void EmitPruned(CodeWriter w, EquatableArray<Instr> block, System.Action<CodeWriter> emit)
    {
        var inner = new CodeWriter(w.Indent);
        emit(inner);
        string text = inner.ToString();
        var decls = new List<(string, string)>();
        foreach (var d in block.OfType<DeclareInt>())
        {
            decls.Add(("i_" + d.Name, $"int i_{d.Name} = {Int(d.Value)};"));
        }

        w.Raw(Assemble(w.Indent, decls, text));
    }

    // ================================================================ matrix-vector products

    private enum ProductKind
    {
        Row,
        Column,
        Sparse,
    }

    /// <summary>A loop <c>s += A[i, j] * X[j]</c> over j (a dense row), <c>s += A[j, i] * X[j]</c> (a column) or
    /// <c>s += A.Values[k] * X[A.ColumnIndices[k]]</c> (a CSR row): emitted as one kernel call in every sweep.</summary>
    private sealed class Product
    {
        public Product(ProductKind kind, ForLoop loop, ReadParameter coefficient, ReadNode read, Binary term, AccumulateLocal sum, IntExpr? index)
        {
            Kind = kind;
            Loop = loop;
            Coefficient = coefficient;
            Read = read;
            Term = term;
            Sum = sum;
            Index = index;
        }

        public ProductKind Kind { get; }

        public ForLoop Loop { get; }

        public ReadParameter Coefficient { get; }

        public ReadNode Read { get; }

        public Binary Term { get; }

        public AccumulateLocal Sum { get; }

        /// <summary>The fixed row (Row) or column (Column) index; null for a CSR row.</summary>
        public IntExpr? Index { get; }

        public string Sign => Sum.Subtract ? "-" : "+";
    }

    private static Product? MatchProduct(ForLoop f, ModelSpec model)
    {
        if (f.Body.Count != 4
            || f.Body[2] is not Binary { Op: "*" } term
            || f.Body[3] is not AccumulateLocal sum
            || sum.Value != new Temp(term.Dest))
        {
            return null;
        }

        var coefficient = f.Body[0] as ReadParameter ?? f.Body[1] as ReadParameter;
        var read = f.Body[0] as ReadNode ?? f.Body[1] as ReadNode;
        if (coefficient is null || read?.Index is null)
        {
            return null;
        }

        Operand c = new Temp(coefficient.Dest), r = new Temp(read.Dest);
        if (!(term.Left == c && term.Right == r) && !(term.Left == r && term.Right == c))
        {
            return null;
        }

        if (!model.Nodes.First(n => n.Name == read.Node).IsVector)
        {
            return null;
        }

        var j = new IntVar(f.Var);
        switch (model.Parameters.First(p => p.Name == coefficient.Parameter).Shape)
        {
            case ParamShape.Matrix when read.Index == j && coefficient.J == j && !Mentions(coefficient.I!, f.Var):
                return new Product(ProductKind.Row, f, coefficient, read, term, sum, coefficient.I);
            case ParamShape.Matrix when read.Index == j && coefficient.I == j && !Mentions(coefficient.J!, f.Var):
                return new Product(ProductKind.Column, f, coefficient, read, term, sum, coefficient.J);
            case ParamShape.Sparse when coefficient.I == j && read.Index == new IntSparseRead(coefficient.Parameter, SparseArray.ColumnIndices, j):
                return new Product(ProductKind.Sparse, f, coefficient, read, term, sum, null);
            default:
                return null;
        }
    }

    private Product? MatchProduct(ForLoop f) => MatchProduct(f, _model);

    private static bool Mentions(IntExpr e, string var) => e switch
    {
        IntVar v => v.Name == var,
        IntSparseRead s => Mentions(s.Index, var),
        IntBinary b => Mentions(b.Left, var) || Mentions(b.Right, var),
        IntNegate n => Mentions(n.Operand, var),
        IntConditional c => Mentions(c.WhenTrue, var) || Mentions(c.WhenFalse, var) || Mentions(c.Condition, var),
        _ => false,
    };

    private static bool Mentions(BoolExpr e, string var) => e switch
    {
        IntCompare c => Mentions(c.Left, var) || Mentions(c.Right, var),
        BoolLogical l => Mentions(l.Left, var) || Mentions(l.Right, var),
        BoolNot n => Mentions(n.Operand, var),
        _ => false,
    };

    private const string KernelsType = "global::LieInter.Generated.Kernels";

    /// <summary>The matrix operand of a kernel call: flattened parameter, its theta tangent or its theta adjoint.</summary>
    private string MatrixArgs(Product p, string span)
    {
        string a = p.Coefficient.Parameter;
        return p.Kind == ProductKind.Sparse
            ? $"{NeedName(span == "p" ? "pv" : span, a)}, {NeedName("ci", a)}"
            : $"{NeedName(span == "p" ? "pf" : span, a)}, o.C_{a}, {Int(p.Index!)}";
    }

    private string Range(Product p) => $"{Int(p.Loop.Start)}, {Int(p.Loop.End)}";

    /// <summary>The product of the matrix with node values (x) or node tangents (dx).</summary>
    private string ProductCall(Product p, string vector, string matrix = "p")
    {
        string kernel = p.Kind switch { ProductKind.Row => "RowDot", ProductKind.Column => "ColumnDot", _ => "SparseDot" };
        return $"{KernelsType}.{kernel}({MatrixArgs(p, matrix)}, {Range(p)}, {NeedName(vector, p.Read.Node)})";
    }

    /// <summary>The element's entry of hoisted buffer <paramref name="slot"/>.</summary>
    private string Hoisted(string kind, int slot) => $"{NeedName(kind, slot.ToString(CultureInfo.InvariantCulture))}[{ElementVar}]";

    /// <summary>Statements for the method that runs the element loop, before it: the blocked products the element
    /// bodies read (<paramref name="tangent"/>: A x and A dx; <paramref name="adjoint"/>: A x where the reverse
    /// sweep needs the value, and cleared coefficients). Uses o, x, dx and the workspace.</summary>
    public IEnumerable<string> BlockedPrologue(bool tangent, bool adjoint)
    {
        if (adjoint)
        {
            Analyse(Variant.StateOnly, reverse: true);
        }

        for (int k = 0; k < _hoisted.Count; k++)
        {
            var p = _hoisted[k];
            int slot = SlotBase + 3 * k;
            string node = p.Read.Node, rows = $"o.N_{_node.Name}";
            string prefix = p.Kind == ProductKind.Sparse ? "Csr" : "";
            string args = BlockedMatrixArgs(p, rows);
            string xs = $"x.Slice(o.O_{node}, o.N_{node})";
            if (tangent)
            {
                yield return $"{KernelsType}.{prefix}RowDots2({args}, {xs}, dx.Slice(o.O_{node}, o.N_{node}), __workspace.Hoisted({slot}, {rows}), __workspace.Hoisted({slot + 1}, {rows}));";
            }
            else if (!adjoint || _liveLocals.Contains(p.Sum.Local))
            {
                yield return $"{KernelsType}.{prefix}RowDots({args}, {xs}, __workspace.Hoisted({slot}, {rows}));";
            }

            if (adjoint)
            {
                yield return $"__workspace.Hoisted({slot + 2}, {rows}).Clear();";
            }
        }
    }

    /// <summary>Statements after the element loop of the blocked state VJP: the transposed pass xb += A^T c.</summary>
    public IEnumerable<string> BlockedEpilogue(string xb)
    {
        for (int k = 0; k < _hoisted.Count; k++)
        {
            var p = _hoisted[k];
            int slot = SlotBase + 3 * k;
            string node = p.Read.Node, rows = $"o.N_{_node.Name}";
            string kernel = p.Kind == ProductKind.Sparse ? "CsrRowsScatter" : "RowsAxpy";
            yield return $"{KernelsType}.{kernel}({BlockedMatrixArgs(p, rows)}, __workspace.Hoisted({slot + 2}), {xb}.Slice(o.O_{node}, o.N_{node}));";
        }
    }

    /// <summary>The matrix, row count and range of a blocked product, for the method around the element loop.</summary>
    private string BlockedMatrixArgs(Product p, string rows)
    {
        string a = "this." + ModelEmitter.Id(p.Coefficient.Parameter);
        return p.Kind == ProductKind.Sparse
            ? $"{a}.Values, {a}.RowPointers, {a}.ColumnIndices, {rows}"
            : $"{KernelsType}.Flat({a}), o.C_{p.Coefficient.Parameter}, {rows}, {Int(p.Loop.Start)}, {Int(p.Loop.End)}";
    }

    private void EmitProductTangent(Product p, CodeWriter w, int? slot)
    {
        string s = "v_" + p.Sum.Local;
        bool state = IsActive(new Temp(p.Read.Dest)), theta = IsActive(new Temp(p.Coefficient.Dest));
        if (slot is int k && !theta)
        {
            w.Line($"{s} {p.Sign}= {Hoisted("hx", k)};");
            if (state)
            {
                w.Line($"{s}_d {p.Sign}= {Hoisted("hd", k + 1)};");
            }

            return;
        }

        if (state && p.Kind != ProductKind.Column)
        {
            // One pass over the matrix for the value and the tangent.
            string kernel = p.Kind == ProductKind.Row ? "RowDot2" : "SparseDot2";
            w.Line($"{{ double __d = {KernelsType}.{kernel}({MatrixArgs(p, "p")}, {Range(p)}, {NeedName("x", p.Read.Node)}, {NeedName("dx", p.Read.Node)}, out double __v); {s} {p.Sign}= __v; {s}_d {p.Sign}= __d; }}");
        }
        else
        {
            w.Line($"{s} {p.Sign}= {ProductCall(p, "x")};");
            if (state)
            {
                w.Line($"{s}_d {p.Sign}= {ProductCall(p, "dx")};");
            }
        }

        if (theta)
        {
            w.Line($"{s}_d {p.Sign}= {ProductCall(p, "x", "dth")};");
        }
    }

    private void EmitProductAdjoint(Product p, CodeWriter w, int? slot)
    {
        if (!_activeLocals.Contains(p.Sum.Local) || !IsActive(new Temp(p.Term.Dest)))
        {
            return;
        }

        string seed = (p.Sum.Subtract ? "-" : "") + "v_" + p.Sum.Local + "_b";
        string a = p.Coefficient.Parameter;
        if (slot is int k && !IsActive(new Temp(p.Coefficient.Dest)))
        {
            // The coefficient of this row in the transposed pass that follows the element loop.
            w.Line($"{Hoisted("hc", k + 2)} = {seed};");
            return;
        }

        if (IsActive(new Temp(p.Read.Dest)))
        {
            // xb[j] += seed A[i, j]: row by row, the VJP of the whole node is one transposed product.
            string kernel = p.Kind switch { ProductKind.Row => "RowAxpy", ProductKind.Column => "ColumnAxpy", _ => "SparseScatter" };
            w.Line($"{KernelsType}.{kernel}({seed}, {MatrixArgs(p, "p")}, {Range(p)}, {NeedName("xb", p.Read.Node)});");
        }

        if (IsActive(new Temp(p.Coefficient.Dest)))
        {
            string x = NeedName("x", p.Read.Node);
            w.Line(p.Kind == ProductKind.Sparse
                ? $"{KernelsType}.SparseGather({seed}, {NeedName("ci", a)}, {Range(p)}, {x}, {NeedName("thb", a)});"
                : $"{KernelsType}.{(p.Kind == ProductKind.Row ? "RowOuter" : "ColumnOuter")}({seed}, {x}, {NeedName("thb", a)}, o.C_{a}, {Int(p.Index!)}, {Range(p)});");
        }
    }

    // ================================================================ rendering

    private IEnumerable<(string Name, string Decl)> LocalDeclarations(bool withTangents)
    {
        var all = new HashSet<string>();
        GraphAnalysis.Walk(_instrs, i =>
        {
            switch (i)
            {
                case AssignLocal al:
                    all.Add(al.Local);
                    break;
                case AccumulateLocal ac:
                    all.Add(ac.Local);
                    break;
                case ReadLocal rl:
                    all.Add(rl.Local);
                    break;
            }
        });
        foreach (var l in all.OrderBy(x => x, System.StringComparer.Ordinal))
        {
            yield return ("v_" + l, $"double v_{l} = 0.0;");
            if (withTangents && _activeLocals.Contains(l))
            {
                yield return ("v_" + l + "_d", $"double v_{l}_d = 0.0;");
            }
        }
    }

    /// <summary>Prepends the declarations whose names the body (or a kept declaration) mentions.</summary>
    private static string Assemble(int indent, IEnumerable<(string Name, string Decl)> declarations, string body)
    {
        var decls = declarations.ToList();
        var keep = new List<string>();
        string haystack = body;
        bool changed = true;
        var kept = new HashSet<int>();
        while (changed)
        {
            changed = false;
            for (int k = 0; k < decls.Count; k++)
            {
                if (!kept.Contains(k) && Regex.IsMatch(haystack, @"\b" + Regex.Escape(decls[k].Name) + @"\b"))
                {
                    kept.Add(k);
                    haystack += "\n" + decls[k].Decl;
                    changed = true;
                }
            }
        }

        var w = new CodeWriter(indent);
        foreach (int k in kept.OrderBy(k => k))
        {
            w.Line(decls[k].Decl);
        }

        return w + body;
    }

    private string Op(Operand o) => o switch
    {
        Temp t => "t" + t.Id,
        RealConst c => Literal(c.Value),
        _ => "0.0",
    };

    private string RevOp(Operand o) => o switch
    {
        Temp t when _recomputable[t.Id] => "r" + t.Id,
        Temp t => "t" + t.Id,
        RealConst c => Literal(c.Value),
        _ => "0.0",
    };

    private string Expr(TempInstr t, System.Func<Operand, string> op)
    {
        switch (t)
        {
            case ReadNode r:
                return r.Index is null ? $"x[o.O_{r.Node}]" : $"{NeedName("x", r.Node)}[{Int(r.Index)}]";
            case ReadParameter p:
                {
                    var shape = Shape(p.Parameter);
                    return shape switch
                    {
                        ParamShape.Scalar => $"{NeedName("p", p.Parameter)}",
                        ParamShape.Vector => $"{NeedName("p", p.Parameter)}[{Int(p.I!)}]",
                        ParamShape.Matrix => $"{NeedName("p", p.Parameter)}[{Int(p.I!)}, {Int(p.J!)}]",
                        _ => $"{NeedName("pv", p.Parameter)}[{Int(p.I!)}]",
                    };
                }

            case ApplyGroup g:
                {
                    var (iv, _) = Target(g);
                    return $"global::LieInter.Generated.LieGroupOps<{iv.GroupType}>.Apply({USlice("u", g)}, {op(g.Source)})";
                }

            case Negate n:
                return $"-{op(n.Operand)}";
            case Binary b:
                return $"{op(b.Left)} {b.Op} {op(b.Right)}";
            case Call c:
                {
                    var fn = SmoothFunctionTable.FindByKey(c.Function)!;
                    return $"{fn.EmitName}({string.Join(", ", c.Args.Select(op))})";
                }

            case IntToReal ir:
                return $"(double)({Int(ir.Value)})";
            case ReadLocal rl:
                return $"v_{rl.Local}";
            default:
                return "0.0";
        }
    }

    private string ThetaElement(string span, ReadParameter p)
    {
        var shape = Shape(p.Parameter);
        return shape switch
        {
            ParamShape.Scalar => $"{span}[o.P_{p.Parameter}]",
            ParamShape.Matrix => $"{NeedName(span, p.Parameter)}[({Int(p.I!)}) * o.C_{p.Parameter} + ({Int(p.J!)})]",
            _ => $"{NeedName(span, p.Parameter)}[{Int(p.I!)}]",
        };
    }

    private (InterventionSpec Intervention, InterventionTargetSpec Target) Target(ApplyGroup g)
    {
        var iv = _model.Interventions[g.Intervention];
        return (iv, iv.Targets[g.Target]);
    }

    private string USlice(string span, ApplyGroup g)
    {
        string key = $"{g.Intervention}_{g.Target}";
        string name = NeedName(span, key);
        return g.Element is null ? name : $"{name}.Slice(({Int(g.Element)}) * o.D_{g.Intervention}, o.D_{g.Intervention})";
    }

    private string NeedName(string kind, string name)
    {
        _needs.Add(kind + ":" + name);
        return kind + "_" + name;
    }

    private ParamShape Shape(string parameter) => _model.Parameters.First(p => p.Name == parameter).Shape;

    private string Int(IntExpr e) => e switch
    {
        IntConst c => c.Value.ToString(CultureInfo.InvariantCulture),
        IntVar v => "i_" + v.Name,
        IntLength { Kind: LengthKind.Node } l => $"o.N_{l.Symbol}",
        IntLength { Kind: LengthKind.ArrayLength } l => $"{NeedName("p", l.Symbol)}.Length",
        IntLength { Kind: LengthKind.MatrixDimension } l => $"{NeedName("p", l.Symbol)}.GetLength({l.Dim})",
        IntLength { Kind: LengthKind.Sparse } l => $"{NeedName("p", l.Symbol)}.{(l.Dim == 0 ? "Rows" : l.Dim == 1 ? "Columns" : "NonZeroCount")}",
        IntSparseRead s => $"{NeedName(s.Array == SparseArray.RowPointers ? "rp" : "ci", s.Parameter)}[{Int(s.Index)}]",
        IntBinary b => $"({Int(b.Left)} {b.Op} {Int(b.Right)})",
        IntNegate n => $"(-{Int(n.Operand)})",
        IntConditional c => $"({Bool(c.Condition)} ? {Int(c.WhenTrue)} : {Int(c.WhenFalse)})",
        _ => "0",
    };

    private string Bool(BoolExpr e) => e switch
    {
        BoolConst c => c.Value ? "true" : "false",
        IntCompare c => $"{Int(c.Left)} {c.Op} {Int(c.Right)}",
        BoolLogical l => $"({Bool(l.Left)} {l.Op} {Bool(l.Right)})",
        BoolNot n => $"!({Bool(n.Operand)})",
        _ => "true",
    };

    internal static string Literal(double v)
    {
        if (double.IsNaN(v))
        {
            return "double.NaN";
        }

        if (double.IsPositiveInfinity(v))
        {
            return "double.PositiveInfinity";
        }

        if (double.IsNegativeInfinity(v))
        {
            return "double.NegativeInfinity";
        }

        string s = v.ToString("R", CultureInfo.InvariantCulture);
        if (!s.Contains(".") && !s.Contains("E"))
        {
            s += ".0";
        }

        return v < 0 ? "(" + s + ")" : s;
    }
}
