using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LieInter.Generators.Ir;
using LieInter.Generators.Spec;

namespace LieInter.Generators.Emit;

// Matrix-vector products: loops recognised as dense or CSR row products become kernel calls, and products over
// the element's own row are hoisted out of the element loop (the blocked variants).
internal sealed partial class BodyEmitter
{
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
}
