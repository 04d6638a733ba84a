using System.Collections.Generic;
using System.Linq;
using LieInter.Generators.Spec;

namespace LieInter.Generators.Ir;

/// <summary>One length of the model's arrays: a vector node's length, a vector parameter's length, or the rows or
/// columns of a dense or sparse matrix parameter.</summary>
internal enum ExtentKind
{
    NodeLength,
    VectorLength,
    Rows,
    Columns,
}

internal sealed record Extent(string Symbol, ExtentKind Kind);

/// <summary><see cref="Indexed"/> must equal <see cref="Range"/>: the assignment of <see cref="Assignment"/> indexes
/// the first with an index that runs over the whole of the second (A[i, j] with j over X needs as many columns as X
/// has elements). Equality, not "at least": an array longer than its index range holds entries no assignment reads,
/// which is a wrong table rather than a harmless one. <see cref="AtLeast"/> when the index runs over part of the
/// range only (j &lt;= i with i over X): then the array must merely be long enough, Range - Slack entries (j &lt; i
/// reaches |X| - 2, so Slack is 1).</summary>
internal sealed record ShapeRequirement(Extent Indexed, Extent Range, string Assignment, bool AtLeast, int Slack);

/// <summary>What an index variable runs over: all of <see cref="Extent"/> (0 to its length) or, when not
/// <see cref="Whole"/>, part of it whose largest index is the length - 1 - <see cref="Slack"/>.</summary>
internal readonly record struct IndexRange(Extent Extent, bool Whole, int Slack);

/// <summary>Reads the shape requirements off the lowered bodies, so the generated layout can check the arrays
/// against each other before any generated loop runs.</summary>
/// <remarks>An index counts only when it is exactly an index variable whose range is known: the element index of a
/// vector assignment, a counter of a loop from 0 to a length (the whole range), or of a loop bounded by another
/// index, a length minus a constant or starting above 0 (part of it). Offsets (i + 1), computed indices and reads
/// under a condition on a length (a guard such as <c>if (j &lt; P.Length)</c>) add no requirement.</remarks>
internal static class ShapeAnalysis
{
    public static List<ShapeRequirement> Requirements(IReadOnlyList<NodeSpec> nodes, IReadOnlyList<ParameterSpec> parameters, IReadOnlyList<AssignmentSpec> assignments)
    {
        var nodeMap = nodes.ToDictionary(n => n.Name);
        var shapes = parameters.ToDictionary(p => p.Name, p => p.Shape);
        var found = new List<ShapeRequirement>();
        foreach (var a in assignments)
        {
            var ranges = new Dictionary<string, IndexRange>();
            if (a.Body.ElementVar is { } element && nodeMap[a.Node].IsVector)
            {
                ranges[element] = new IndexRange(new Extent(a.Node, ExtentKind.NodeLength), true, 0);
            }

            var walker = new Walker(nodeMap, shapes, a.Node, found);
            walker.Visit(a.Body.Instrs, ranges, new Dictionary<string, IntExpr>(), guarded: false);
        }

        // An exact requirement makes a partial one on the same pair redundant.
        var exact = new HashSet<(Extent, Extent)>(found.Where(r => !r.AtLeast).Select(r => (r.Indexed, r.Range)));
        return found.Where(r => r.Indexed != r.Range && (!r.AtLeast || !exact.Contains((r.Indexed, r.Range)))).Distinct().ToList();
    }

    private sealed class Walker
    {
        private readonly Dictionary<string, NodeSpec> _nodes;
        private readonly Dictionary<string, ParamShape> _shapes;
        private readonly string _assignment;
        private readonly List<ShapeRequirement> _found;

        public Walker(Dictionary<string, NodeSpec> nodes, Dictionary<string, ParamShape> shapes, string assignment, List<ShapeRequirement> found)
        {
            _nodes = nodes;
            _shapes = shapes;
            _assignment = assignment;
            _found = found;
        }

        public void Visit(EquatableArray<Instr> instrs, Dictionary<string, IndexRange> ranges, Dictionary<string, IntExpr> ints, bool guarded)
        {
            foreach (var instr in instrs)
            {
                switch (instr)
                {
                    case ReadNode r when r.Index is not null:
                        Index(new Extent(r.Node, ExtentKind.NodeLength), r.Index, ranges, ints, guarded);
                        break;
                    case ReadParameter p when _shapes.TryGetValue(p.Parameter, out var shape):
                        if (shape == ParamShape.Vector && p.I is not null)
                        {
                            Index(new Extent(p.Parameter, ExtentKind.VectorLength), p.I, ranges, ints, guarded);
                        }
                        else if (shape == ParamShape.Matrix && p.I is not null && p.J is not null)
                        {
                            Index(new Extent(p.Parameter, ExtentKind.Rows), p.I, ranges, ints, guarded);
                            Index(new Extent(p.Parameter, ExtentKind.Columns), p.J, ranges, ints, guarded);
                        }
                        else if (shape == ParamShape.Sparse && p.I is not null)
                        {
                            SparseRows(p.I, ranges, ints, guarded);
                        }

                        break;
                    case ApplyGroup g when g.Element is not null:
                        SparseRows(g.Element, ranges, ints, guarded);
                        break;
                    case IntToReal c:
                        SparseRows(c.Value, ranges, ints, guarded);
                        break;
                    case DeclareInt d:
                        SparseRows(d.Value, ranges, ints, guarded);
                        ints[d.Name] = d.Value;
                        if (Resolve(d.Value, ints) is IntVar alias && ranges.TryGetValue(alias.Name, out var aliased))
                        {
                            ranges[d.Name] = aliased;
                        }
                        else
                        {
                            ranges.Remove(d.Name);
                        }

                        break;
                    case ForLoop f:
                        {
                            SparseRows(f.Start, ranges, ints, guarded);
                            SparseRows(f.End, ranges, ints, guarded);
                            var inner = new Dictionary<string, IndexRange>(ranges);
                            inner.Remove(f.Var);
                            if (RangeOf(Resolve(f.Start, ints), Resolve(f.End, ints), ranges, ints) is { } range)
                            {
                                inner[f.Var] = range;
                            }

                            Visit(f.Body, inner, new Dictionary<string, IntExpr>(ints), guarded);
                            break;
                        }

                    case IfElse c:
                        {
                            bool guard = guarded || MentionsLength(c.Condition);
                            Visit(c.Then, new Dictionary<string, IndexRange>(ranges), new Dictionary<string, IntExpr>(ints), guard);
                            Visit(c.Else, new Dictionary<string, IndexRange>(ranges), new Dictionary<string, IntExpr>(ints), guard);
                            break;
                        }
                }
            }
        }

        private void Index(Extent indexed, IntExpr index, Dictionary<string, IndexRange> ranges, Dictionary<string, IntExpr> ints, bool guarded)
        {
            SparseRows(index, ranges, ints, guarded);
            if (guarded || (indexed.Kind == ExtentKind.NodeLength && !_nodes[indexed.Symbol].IsVector))
            {
                return;
            }

            var resolved = Resolve(index, ints);
            if (resolved is IntVar v && ranges.TryGetValue(v.Name, out var range))
            {
                _found.Add(new ShapeRequirement(indexed, range.Extent, _assignment, !range.Whole, range.Slack));
            }
            else if (indexed.Kind == ExtentKind.NodeLength && resolved is IntSparseRead { Array: SparseArray.ColumnIndices } columns)
            {
                // x[S.ColumnIndices[k]]: S has as many columns as the node has elements.
                _found.Add(new ShapeRequirement(new Extent(columns.Parameter, ExtentKind.Columns), indexed, _assignment, false, 0));
            }
        }

        /// <summary>S.RowPointers[i] and S.RowPointers[i + 1] with i over a range: S has as many rows as the range.</summary>
        private void SparseRows(IntExpr e, Dictionary<string, IndexRange> ranges, Dictionary<string, IntExpr> ints, bool guarded)
        {
            switch (e)
            {
                case IntSparseRead { Array: SparseArray.RowPointers } s:
                    {
                        var row = Resolve(s.Index, ints);
                        if (row is IntBinary { Op: "+", Left: var l, Right: IntConst { Value: 1 } })
                        {
                            row = l;
                        }

                        if (!guarded && row is IntVar v && ranges.TryGetValue(v.Name, out var range))
                        {
                            _found.Add(new ShapeRequirement(new Extent(s.Parameter, ExtentKind.Rows), range.Extent, _assignment, !range.Whole, range.Slack));
                        }

                        SparseRows(s.Index, ranges, ints, guarded);
                        break;
                    }

                case IntSparseRead s:
                    SparseRows(s.Index, ranges, ints, guarded);
                    break;
                case IntBinary b:
                    SparseRows(b.Left, ranges, ints, guarded);
                    SparseRows(b.Right, ranges, ints, guarded);
                    break;
                case IntNegate n:
                    SparseRows(n.Operand, ranges, ints, guarded);
                    break;
                case IntConditional c:
                    SparseRows(c.WhenTrue, ranges, ints, true);
                    SparseRows(c.WhenFalse, ranges, ints, true);
                    break;
            }
        }

        /// <summary>The range of a loop counter from <paramref name="start"/> to <paramref name="end"/> (exclusive):
        /// all of a length from 0 to it; part of one from above 0, to a length minus a constant, or to another index
        /// (plus at most one, for j &lt;= i).</summary>
        private IndexRange? RangeOf(IntExpr start, IntExpr end, Dictionary<string, IndexRange> ranges, Dictionary<string, IntExpr> ints)
        {
            if (start is not IntConst { Value: >= 0 } first)
            {
                return null;
            }

            bool fromZero = first.Value == 0;
            if (ExtentOf(end) is { } whole)
            {
                return new IndexRange(whole, fromZero, 0);
            }

            switch (end)
            {
                case IntBinary { Op: "-", Left: var l, Right: IntConst { Value: >= 0 } c } when ExtentOf(l) is { } shortened:
                    return new IndexRange(shortened, false, c.Value);
                case IntVar v when ranges.TryGetValue(v.Name, out var outer):
                    return new IndexRange(outer.Extent, false, outer.Slack + 1);
                case IntBinary { Op: "+", Left: IntVar v, Right: IntConst { Value: 1 } } when ranges.TryGetValue(v.Name, out var outer):
                    return new IndexRange(outer.Extent, false, outer.Slack);
                default:
                    return null;
            }
        }

        private Extent? ExtentOf(IntExpr e) => e switch
        {
            IntLength { Kind: LengthKind.Node } l => new Extent(l.Symbol, ExtentKind.NodeLength),
            IntLength { Kind: LengthKind.ArrayLength } l when _shapes.TryGetValue(l.Symbol, out var s) && s == ParamShape.Vector => new Extent(l.Symbol, ExtentKind.VectorLength),
            IntLength { Kind: LengthKind.MatrixDimension } l => new Extent(l.Symbol, l.Dim == 0 ? ExtentKind.Rows : ExtentKind.Columns),
            IntLength { Kind: LengthKind.Sparse, Dim: 0 } l => new Extent(l.Symbol, ExtentKind.Rows),
            IntLength { Kind: LengthKind.Sparse, Dim: 1 } l => new Extent(l.Symbol, ExtentKind.Columns),
            _ => null,
        };

        private static IntExpr Resolve(IntExpr e, Dictionary<string, IntExpr> ints)
        {
            for (int depth = 0; depth < 16 && e is IntVar v && ints.TryGetValue(v.Name, out var def); depth++)
            {
                e = def;
            }

            return e;
        }

        private static bool MentionsLength(BoolExpr b) => b switch
        {
            IntCompare c => MentionsLength(c.Left) || MentionsLength(c.Right),
            BoolLogical l => MentionsLength(l.Left) || MentionsLength(l.Right),
            BoolNot n => MentionsLength(n.Operand),
            _ => false,
        };

        private static bool MentionsLength(IntExpr e) => e switch
        {
            IntLength => true,
            IntBinary b => MentionsLength(b.Left) || MentionsLength(b.Right),
            IntNegate n => MentionsLength(n.Operand),
            IntConditional c => MentionsLength(c.Condition) || MentionsLength(c.WhenTrue) || MentionsLength(c.WhenFalse),
            IntSparseRead s => MentionsLength(s.Index),
            _ => false,
        };
    }
}
