using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using LieInter.Generators.Ir;
using LieInter.Generators.Spec;

namespace LieInter.Generators.Emit;

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
/// This file holds the state and the entry points; the concerns live beside it: BodyEmitter.Activity.cs (what
/// carries derivatives), BodyEmitter.Tangent.cs, BodyEmitter.Adjoint.cs and BodyEmitter.Products.cs (matrix kernels).
/// </remarks>
internal sealed partial class BodyEmitter
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
