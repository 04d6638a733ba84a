namespace LieInter.Generators.Ir;

// The small intermediate representation assignments are lowered to. Real values live in single-assignment
// temporaries (three-address code) or in mutable user locals, read and written by explicit instructions; integer and
// boolean values (indices, loop bounds, branch conditions) stay expression trees, since they are never differentiated.
// Every record is value-equatable so specs built from them cache in the incremental pipeline.

/// <summary>What an integer length expression measures.</summary>
internal enum LengthKind
{
    /// <summary>Length of a vector node (X.Length).</summary>
    Node,

    /// <summary>Length of a vector parameter (p.Length) or of a dense matrix (A.Length = rows * columns).</summary>
    ArrayLength,

    /// <summary>A.GetLength(dim) of a dense matrix parameter.</summary>
    MatrixDimension,

    /// <summary>Rows / Columns / NonZeroCount of a sparse matrix parameter (Dim 0, 1, 2).</summary>
    Sparse,
}

internal enum SparseArray
{
    RowPointers,
    ColumnIndices,
}

internal abstract record IntExpr;

internal sealed record IntConst(int Value) : IntExpr;

/// <summary>An immutable integer local, an element index parameter or a loop counter.</summary>
internal sealed record IntVar(string Name) : IntExpr;

internal sealed record IntLength(string Symbol, LengthKind Kind, int Dim) : IntExpr;

internal sealed record IntSparseRead(string Parameter, SparseArray Array, IntExpr Index) : IntExpr;

internal sealed record IntBinary(string Op, IntExpr Left, IntExpr Right) : IntExpr;

internal sealed record IntNegate(IntExpr Operand) : IntExpr;

internal sealed record IntConditional(BoolExpr Condition, IntExpr WhenTrue, IntExpr WhenFalse) : IntExpr;

internal abstract record BoolExpr;

internal sealed record BoolConst(bool Value) : BoolExpr;

internal sealed record IntCompare(string Op, IntExpr Left, IntExpr Right) : BoolExpr;

internal sealed record BoolLogical(string Op, BoolExpr Left, BoolExpr Right) : BoolExpr;

internal sealed record BoolNot(BoolExpr Operand) : BoolExpr;

/// <summary>A real operand: a temporary or a constant.</summary>
internal abstract record Operand;

internal sealed record Temp(int Id) : Operand;

internal sealed record RealConst(double Value) : Operand;

internal abstract record Instr;

/// <summary>Instructions that define one temporary.</summary>
internal abstract record TempInstr(int Dest) : Instr;

/// <summary>dest = x[node] or x[node + index].</summary>
internal sealed record ReadNode(int Dest, string Node, IntExpr? Index) : TempInstr(Dest);

/// <summary>dest = parameter value: scalar (I = J = null), vector P[I], matrix A[I, J], sparse A.Values[I].</summary>
internal sealed record ReadParameter(int Dest, string Parameter, IntExpr? I, IntExpr? J) : TempInstr(Dest);

/// <summary>dest = Exp(u) . source for one target of a Lie intervention; Element is the flattened element index
/// within the target (null for a scalar target or a shared intervention).</summary>
internal sealed record ApplyGroup(int Dest, Operand Source, int Intervention, int Target, IntExpr? Element) : TempInstr(Dest);

internal sealed record Negate(int Dest, Operand Operand) : TempInstr(Dest);

/// <summary>dest = a op b with op in + - * /.</summary>
internal sealed record Binary(int Dest, string Op, Operand Left, Operand Right) : TempInstr(Dest);

/// <summary>dest = f(args) for a function of the smooth-function table.</summary>
internal sealed record Call(int Dest, string Function, EquatableArray<Operand> Args) : TempInstr(Dest);

/// <summary>dest = (double)integer expression; constant for differentiation.</summary>
internal sealed record IntToReal(int Dest, IntExpr Value) : TempInstr(Dest);

/// <summary>dest = current value of a real local.</summary>
internal sealed record ReadLocal(int Dest, string Local) : TempInstr(Dest);

/// <summary>local = value.</summary>
internal sealed record AssignLocal(string Local, Operand Value) : Instr;

/// <summary>local += value (or -= when Subtract): linear in the old value, so the adjoint needs no old value.</summary>
internal sealed record AccumulateLocal(string Local, bool Subtract, Operand Value) : Instr;

/// <summary>int name = value; integer locals are immutable.</summary>
internal sealed record DeclareInt(string Name, IntExpr Value) : Instr;

/// <summary>for (int var = start; var &lt; end; var++) body. Bounds do not depend on real values.</summary>
internal sealed record ForLoop(string Var, IntExpr Start, IntExpr End, EquatableArray<Instr> Body) : Instr;

internal sealed record IfElse(BoolExpr Condition, EquatableArray<Instr> Then, EquatableArray<Instr> Else) : Instr;

/// <summary>A lowered assignment (or the body of an element of a vector assignment).</summary>
/// <param name="ElementVar">The element index parameter of a vector assignment, null for a scalar one.</param>
internal sealed record LoweredBody(
    EquatableArray<Instr> Instrs,
    Operand Result,
    int TempCount,
    EquatableArray<string> RealLocals,
    string? ElementVar);
