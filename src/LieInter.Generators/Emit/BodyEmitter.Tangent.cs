using System.Collections.Generic;
using System.Linq;
using LieInter.Generators.Ir;

namespace LieInter.Generators.Emit;

// Tangent (forward-mode) emission: every active value v paired with v_d, statement by statement.
internal sealed partial class BodyEmitter
{
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
}
