using System.Collections.Generic;
using System.Linq;
using LieInter.Generators.Ir;

namespace LieInter.Generators.Emit;

// Adjoint (reverse-mode) emission: the forward sweep of needed primal values, then the reverse sweep.
internal sealed partial class BodyEmitter
{
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

    private string RevOp(Operand o) => o switch
    {
        Temp t when _recomputable[t.Id] => "r" + t.Id,
        Temp t => "t" + t.Id,
        RealConst c => Literal(c.Value),
        _ => "0.0",
    };
}
