using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LieInter.Generators.Ir;
using LieInter.Generators.Spec;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LieInter.Generators.Parsing;

/// <summary>What a body may read: the model's nodes and parameters and the Lie interventions acting on parameters.</summary>
internal sealed class ModelSymbols
{
    public ModelSymbols(INamedTypeSymbol type, IReadOnlyDictionary<string, NodeSpec> nodes, IReadOnlyDictionary<string, ParameterSpec> parameters, IReadOnlyDictionary<string, List<(int Intervention, int Target, bool Shared)>> parameterActions)
    {
        Type = type;
        Nodes = nodes;
        Parameters = parameters;
        ParameterActions = parameterActions;
    }

    public INamedTypeSymbol Type { get; }

    public IReadOnlyDictionary<string, NodeSpec> Nodes { get; }

    public IReadOnlyDictionary<string, ParameterSpec> Parameters { get; }

    public IReadOnlyDictionary<string, List<(int Intervention, int Target, bool Shared)>> ParameterActions { get; }
}

/// <summary>
/// Lowers an assignment method (and the [Smooth] helpers it calls, inlined) from Roslyn operations to the IR,
/// reporting every construct outside the differentiable subset.
/// </summary>
internal sealed class BodyLowering
{
    private const string SmoothAttributeName = "LieInter.SmoothAttribute";

    private readonly ModelSymbols _model;
    private readonly Compilation _compilation;
    private readonly List<Problem> _problems;
    private readonly Dictionary<ISymbol, (bool IsInt, string Name)> _bindings = new(SymbolEqualityComparer.Default);
    private readonly HashSet<string> _names = new();
    private readonly List<string> _realLocals = new();
    private readonly Stack<IMethodSymbol> _inlining = new();
    private readonly HashSet<ISymbol> _loopVariables = new(SymbolEqualityComparer.Default);
    private int _nextTemp;

    private BodyLowering(ModelSymbols model, Compilation compilation, List<Problem> problems)
    {
        _model = model;
        _compilation = compilation;
        _problems = problems;
    }

    public static LoweredBody? Lower(ModelSymbols model, Compilation compilation, IMethodSymbol method, List<Problem> problems, System.Threading.CancellationToken cancellationToken)
    {
        var lowering = new BodyLowering(model, compilation, problems);
        return lowering.LowerAssignment(method, cancellationToken);
    }

    private LoweredBody? LowerAssignment(IMethodSymbol method, System.Threading.CancellationToken ct)
    {
        int before = _problems.Count;
        var syntax = method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(ct)).OfType<MethodDeclarationSyntax>().FirstOrDefault();
        if (syntax is null || (syntax.Body is null && syntax.ExpressionBody is null))
        {
            Report(ProblemIds.SignatureMismatch, $"Assignment '{method.Name}' has no body.", method.Locations.FirstOrDefault());
            return null;
        }

        string? elementVar = null;
        if (method.Parameters.Length == 1)
        {
            elementVar = Fresh(method.Parameters[0].Name);
            _bindings[method.Parameters[0]] = (true, elementVar);
        }

        var semantic = _compilation.GetSemanticModel(syntax.SyntaxTree);
        var instrs = new List<Instr>();
        _inlining.Push(method);
        var result = LowerMethodBody(syntax, semantic, instrs, ct);
        _inlining.Pop();
        if (_problems.Count > before || result is null)
        {
            return null;
        }

        return new LoweredBody(instrs.ToEquatableArray(), result, _nextTemp, _realLocals.ToEquatableArray(), elementVar);
    }

    /// <summary>Lowers a method body into <paramref name="into"/> and returns the operand holding its result.</summary>
    private Operand? LowerMethodBody(MethodDeclarationSyntax syntax, SemanticModel semantic, List<Instr> into, System.Threading.CancellationToken ct)
    {
        var op = semantic.GetOperation(syntax, ct) as IMethodBodyOperation;
        var block = op?.BlockBody ?? op?.ExpressionBody;
        if (block is null)
        {
            Report(ProblemIds.Unsupported, $"The body of '{syntax.Identifier.Text}' could not be analysed.", syntax.Identifier.GetLocation());
            return null;
        }

        string ret = NewRealLocal("ret");
        if (!LowerStatements(block.Operations, into, ret))
        {
            Report(ProblemIds.Unsupported, $"Not every path of '{syntax.Identifier.Text}' ends with a return; the differentiable subset needs a return at the end of each path (returns inside loops are not supported).", syntax.Identifier.GetLocation());
            return null;
        }

        int t = NewTemp();
        into.Add(new ReadLocal(t, ret));
        return new Temp(t);
    }

    // ---------------------------------------------------------------- statements

    /// <summary>Lowers a statement list whose every path must end in a return (assigning <paramref name="ret"/>).
    /// An <c>if</c> whose then-branch always returns takes the rest of the list as its else-branch. Returns whether
    /// every path returns.</summary>
    private bool LowerStatements(ImmutableArray<IOperation> statements, List<Instr> into, string? ret)
    {
        for (int k = 0; k < statements.Length; k++)
        {
            var s = statements[k];
            switch (s)
            {
                case IReturnOperation r:
                    if (ret is null)
                    {
                        Report(ProblemIds.Unsupported, "A return inside a loop is not supported in assignments.", s.Syntax.GetLocation());
                        return true;
                    }

                    if (r.ReturnedValue is null)
                    {
                        Report(ProblemIds.SignatureMismatch, "An assignment must return a double.", s.Syntax.GetLocation());
                        return true;
                    }

                    into.Add(new AssignLocal(ret, LowerReal(r.ReturnedValue, into)));
                    return true;

                case IConditionalOperation c when ret is not null && ContainsReturn(c):
                    {
                        var cond = LowerCondition(c.Condition);
                        var thenList = new List<Instr>();
                        bool thenReturns = LowerStatements(Flatten(c.WhenTrue), thenList, ret);
                        var elseList = new List<Instr>();
                        bool elseReturns;
                        if (c.WhenFalse is not null)
                        {
                            elseReturns = LowerStatements(Flatten(c.WhenFalse), elseList, ret);
                            if (thenReturns && elseReturns)
                            {
                                into.Add(new IfElse(cond, thenList.ToEquatableArray(), elseList.ToEquatableArray()));
                                return true;
                            }

                            if (!thenReturns && !elseReturns)
                            {
                                return false;
                            }

                            // One branch falls through: the rest of the list belongs to it.
                            var rest = statements.RemoveRange(0, k + 1);
                            bool restReturns = LowerStatements(rest, thenReturns ? elseList : thenList, ret);
                            into.Add(new IfElse(cond, thenList.ToEquatableArray(), elseList.ToEquatableArray()));
                            return restReturns;
                        }

                        if (!thenReturns)
                        {
                            return false;
                        }

                        elseReturns = LowerStatements(statements.RemoveRange(0, k + 1), elseList, ret);
                        into.Add(new IfElse(cond, thenList.ToEquatableArray(), elseList.ToEquatableArray()));
                        return elseReturns;
                    }

                case IBlockOperation b when ret is not null && ContainsReturn(b):
                    {
                        var merged = b.Operations.AddRange(statements.RemoveRange(0, k + 1));
                        return LowerStatements(merged, into, ret);
                    }

                default:
                    LowerStatement(s, into);
                    break;
            }
        }

        return false;
    }

    private static ImmutableArray<IOperation> Flatten(IOperation op) =>
        op is IBlockOperation b ? b.Operations : ImmutableArray.Create(op);

    private static bool ContainsReturn(IOperation op) =>
        op is IReturnOperation || op.Descendants().Any(d => d is IReturnOperation);

    private void LowerStatement(IOperation s, List<Instr> into)
    {
        switch (s)
        {
            case IBlockOperation b:
                foreach (var inner in b.Operations)
                {
                    LowerStatement(inner, into);
                }

                break;
            case IEmptyOperation:
                break;
            case IVariableDeclarationGroupOperation g:
                foreach (var decl in g.Declarations)
                {
                    foreach (var d in decl.Declarators)
                    {
                        LowerDeclarator(d, decl.Initializer, into);
                    }
                }

                break;
            case IExpressionStatementOperation e:
                LowerExpressionStatement(e.Operation, into);
                break;
            case IForLoopOperation f:
                LowerFor(f, into);
                break;
            case IConditionalOperation c:
                {
                    var cond = LowerCondition(c.Condition);
                    var thenList = new List<Instr>();
                    LowerStatement(c.WhenTrue, thenList);
                    var elseList = new List<Instr>();
                    if (c.WhenFalse is not null)
                    {
                        LowerStatement(c.WhenFalse, elseList);
                    }

                    into.Add(new IfElse(cond, thenList.ToEquatableArray(), elseList.ToEquatableArray()));
                    break;
                }

            case IReturnOperation:
                Report(ProblemIds.Unsupported, "A return inside a loop is not supported in assignments.", s.Syntax.GetLocation());
                break;
            case IWhileLoopOperation:
                Report(ProblemIds.Unsupported, "while and do loops are not supported in assignments: use a for loop whose bounds do not depend on nodes.", s.Syntax.GetLocation());
                break;
            case IForEachLoopOperation:
                Report(ProblemIds.Unsupported, "foreach loops are not supported in assignments: use an indexed for loop.", s.Syntax.GetLocation());
                break;
            case ISwitchOperation sw:
                if (DependsOnModel(sw.Value))
                {
                    Report(ProblemIds.NonSmooth, "A switch on a value that depends on nodes or parameters is not smooth.", s.Syntax.GetLocation());
                }
                else
                {
                    Report(ProblemIds.Unsupported, "switch statements are not supported in assignments: use if/else on integer conditions.", s.Syntax.GetLocation());
                }

                break;
            default:
                Report(ProblemIds.Unsupported, $"The statement '{Short(s.Syntax)}' is outside the differentiable subset.", s.Syntax.GetLocation());
                break;
        }
    }

    private void LowerDeclarator(IVariableDeclaratorOperation d, IVariableInitializerOperation? outer, List<Instr> into)
    {
        var local = d.Symbol;
        var init = d.Initializer?.Value ?? outer?.Value;
        if (local.Type.SpecialType == SpecialType.System_Double)
        {
            string name = NewRealLocal(local.Name);
            _bindings[local] = (false, name);
            if (init is not null)
            {
                into.Add(new AssignLocal(name, LowerReal(init, into)));
            }
            else
            {
                into.Add(new AssignLocal(name, new RealConst(0.0)));
            }
        }
        else if (local.Type.SpecialType == SpecialType.System_Int32)
        {
            if (init is null)
            {
                Report(ProblemIds.Unsupported, $"Integer local '{local.Name}' must be initialised where it is declared (integer locals are immutable in assignments).", d.Syntax.GetLocation());
                return;
            }

            var value = LowerInt(init);
            string name = Fresh(local.Name);
            _bindings[local] = (true, name);
            if (value is not null)
            {
                into.Add(new DeclareInt(name, value));
            }
        }
        else
        {
            Report(ProblemIds.Unsupported, $"Local '{local.Name}' has type '{local.Type.ToDisplayString()}'; assignments may only use double and int locals.", d.Syntax.GetLocation());
        }
    }

    private void LowerExpressionStatement(IOperation op, List<Instr> into)
    {
        switch (op)
        {
            case ISimpleAssignmentOperation a when a.Target is ILocalReferenceOperation l && IsReal(l.Local):
                into.Add(new AssignLocal(RealLocal(l.Local), LowerReal(a.Value, into)));
                return;
            case ICompoundAssignmentOperation c when c.Target is ILocalReferenceOperation l && IsReal(l.Local):
                {
                    string name = RealLocal(l.Local);
                    var value = LowerReal(c.Value, into);
                    switch (c.OperatorKind)
                    {
                        case BinaryOperatorKind.Add:
                            into.Add(new AccumulateLocal(name, false, value));
                            return;
                        case BinaryOperatorKind.Subtract:
                            into.Add(new AccumulateLocal(name, true, value));
                            return;
                        case BinaryOperatorKind.Multiply:
                        case BinaryOperatorKind.Divide:
                            {
                                int old = NewTemp();
                                into.Add(new ReadLocal(old, name));
                                int t = NewTemp();
                                into.Add(new Binary(t, c.OperatorKind == BinaryOperatorKind.Multiply ? "*" : "/", new Temp(old), value));
                                into.Add(new AssignLocal(name, new Temp(t)));
                                return;
                            }

                        case BinaryOperatorKind.Remainder:
                            Report(ProblemIds.NonSmooth, "The remainder operator % is not smooth.", c.Syntax.GetLocation());
                            return;
                        default:
                            Report(ProblemIds.Unsupported, $"Operator in '{Short(c.Syntax)}' is not supported.", c.Syntax.GetLocation());
                            return;
                    }
                }

            case IIncrementOrDecrementOperation inc when inc.Target is ILocalReferenceOperation l && IsReal(l.Local):
                into.Add(new AccumulateLocal(RealLocal(l.Local), inc.Kind == OperationKind.Decrement, new RealConst(1.0)));
                return;
            case IAssignmentOperation a when IsModelMember(a.Target):
                Report(ProblemIds.Impure, $"Assignments must not write to nodes or parameters ('{Short(a.Syntax)}').", a.Syntax.GetLocation());
                return;
            case IIncrementOrDecrementOperation inc when IsModelMember(inc.Target):
                Report(ProblemIds.Impure, $"Assignments must not write to nodes or parameters ('{Short(inc.Syntax)}').", inc.Syntax.GetLocation());
                return;
            case IAssignmentOperation a when a.Target is IFieldReferenceOperation or IPropertyReferenceOperation or IArrayElementReferenceOperation:
                Report(ProblemIds.Impure, $"Assignments must not write to fields or arrays ('{Short(a.Syntax)}').", a.Syntax.GetLocation());
                return;
            case IAssignmentOperation a when a.Target is ILocalReferenceOperation l && l.Local.Type.SpecialType == SpecialType.System_Int32:
                Report(ProblemIds.Unsupported, $"Integer local '{l.Local.Name}' is reassigned; integer locals are immutable in assignments (loop counters excepted).", a.Syntax.GetLocation());
                return;
            case IInvocationOperation inv:
                if (IsImpureCall(inv.TargetMethod))
                {
                    Report(ProblemIds.Impure, $"Call to '{inv.TargetMethod.ToDisplayString()}' has side effects or reads outside state.", inv.Syntax.GetLocation());
                }
                else
                {
                    Report(ProblemIds.Unsupported, $"A call used as a statement ('{Short(inv.Syntax)}') has no effect in an assignment.", inv.Syntax.GetLocation());
                }

                return;
            default:
                Report(ProblemIds.Unsupported, $"The statement '{Short(op.Syntax)}' is outside the differentiable subset.", op.Syntax.GetLocation());
                return;
        }
    }

    private void LowerFor(IForLoopOperation f, List<Instr> into)
    {
        // Accepted shape: for (int j = start; j < end (or <= end); j++ / ++j / j += 1) body
        ILocalSymbol? loopVar = null;
        IntExpr? start = null;
        if (f.Before.Length == 1 && f.Before[0] is IVariableDeclarationGroupOperation g && g.Declarations.Length == 1 && g.Declarations[0].Declarators.Length == 1)
        {
            var d = g.Declarations[0].Declarators[0];
            var init = d.Initializer?.Value ?? g.Declarations[0].Initializer?.Value;
            if (d.Symbol.Type.SpecialType == SpecialType.System_Int32 && init is not null)
            {
                loopVar = d.Symbol;
                start = LowerInt(init);
            }
        }

        if (loopVar is null || start is null)
        {
            Report(ProblemIds.Unsupported, "A for loop in an assignment must declare one int counter: for (int j = start; j < end; j++).", f.Syntax.GetLocation());
            return;
        }

        string var = Fresh(loopVar.Name);
        _bindings[loopVar] = (true, var);
        _loopVariables.Add(loopVar);

        IntExpr? end = null;
        int problemsBeforeBound = _problems.Count;
        if (f.Condition is IBinaryOperation cmp)
        {
            bool leftIsVar = cmp.LeftOperand is ILocalReferenceOperation ll && SymbolEqualityComparer.Default.Equals(ll.Local, loopVar);
            bool rightIsVar = cmp.RightOperand is ILocalReferenceOperation rl && SymbolEqualityComparer.Default.Equals(rl.Local, loopVar);
            if (leftIsVar && cmp.OperatorKind == BinaryOperatorKind.LessThan)
            {
                end = LowerInt(cmp.RightOperand);
            }
            else if (leftIsVar && cmp.OperatorKind == BinaryOperatorKind.LessThanOrEqual)
            {
                var e = LowerInt(cmp.RightOperand);
                end = e is null ? null : new IntBinary("+", e, new IntConst(1));
            }
            else if (rightIsVar && cmp.OperatorKind == BinaryOperatorKind.GreaterThan)
            {
                end = LowerInt(cmp.LeftOperand);
            }
            else if (rightIsVar && cmp.OperatorKind == BinaryOperatorKind.GreaterThanOrEqual)
            {
                var e = LowerInt(cmp.LeftOperand);
                end = e is null ? null : new IntBinary("+", e, new IntConst(1));
            }
        }

        bool stepOk = f.AtLoopBottom.Length == 1 && f.AtLoopBottom[0] is IExpressionStatementOperation { Operation: var stepOp } && stepOp switch
        {
            IIncrementOrDecrementOperation inc => inc.Kind == OperationKind.Increment && inc.Target is ILocalReferenceOperation t && SymbolEqualityComparer.Default.Equals(t.Local, loopVar),
            ICompoundAssignmentOperation ca => ca.OperatorKind == BinaryOperatorKind.Add && ca.Target is ILocalReferenceOperation t2 && SymbolEqualityComparer.Default.Equals(t2.Local, loopVar) && ca.Value.ConstantValue.HasValue && Equals(ca.Value.ConstantValue.Value, 1),
            _ => false,
        };

        if (end is null && stepOk && _problems.Count > problemsBeforeBound)
        {
            // The bound itself was reported (an impure or non-smooth read); the loop's shape is fine.
            return;
        }

        if (end is null || !stepOk)
        {
            Report(ProblemIds.Unsupported, "A for loop in an assignment must count up by one to a bound that does not depend on nodes: for (int j = start; j < end; j++).", f.Syntax.GetLocation());
            return;
        }

        if (f.Body.Descendants().Any(d => d is ISimpleAssignmentOperation or ICompoundAssignmentOperation or IIncrementOrDecrementOperation
            && TargetOf(d) is ILocalReferenceOperation t && SymbolEqualityComparer.Default.Equals(t.Local, loopVar)))
        {
            Report(ProblemIds.Unsupported, $"The loop counter '{loopVar.Name}' must not be modified in the loop body.", f.Syntax.GetLocation());
            return;
        }

        var body = new List<Instr>();
        LowerStatement(f.Body, body);
        into.Add(new ForLoop(var, start, end, body.ToEquatableArray()));
    }

    private static IOperation? TargetOf(IOperation op) => op switch
    {
        IAssignmentOperation a => a.Target,
        IIncrementOrDecrementOperation i => i.Target,
        _ => null,
    };

    // ---------------------------------------------------------------- real expressions

    private Operand LowerReal(IOperation op, List<Instr> into)
    {
        if (op.ConstantValue.HasValue && op.ConstantValue.Value is double or int or float or long)
        {
            return new RealConst(Convert.ToDouble(op.ConstantValue.Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        switch (op)
        {
            case IParenthesizedOperation p:
                return LowerReal(p.Operand, into);
            case IConversionOperation conv:
                return LowerConversion(conv, into);
            case ILocalReferenceOperation l:
                if (IsReal(l.Local))
                {
                    int t = NewTemp();
                    into.Add(new ReadLocal(t, RealLocal(l.Local)));
                    return new Temp(t);
                }

                return IntToRealTemp(LowerInt(op), into);
            case IParameterReferenceOperation pr:
                if (_bindings.TryGetValue(pr.Parameter, out var pb))
                {
                    if (!pb.IsInt)
                    {
                        int t = NewTemp();
                        into.Add(new ReadLocal(t, pb.Name));
                        return new Temp(t);
                    }

                    return IntToRealTemp(new IntVar(pb.Name), into);
                }

                Report(ProblemIds.Unsupported, $"Parameter '{pr.Parameter.Name}' cannot be used here.", op.Syntax.GetLocation());
                return new RealConst(0);
            case IFieldReferenceOperation or IPropertyReferenceOperation:
                return LowerMemberRead(op, into);
            case IArrayElementReferenceOperation ae:
                return LowerElementRead(ae, into);
            case IUnaryOperation u:
                {
                    if (u.OperatorKind == UnaryOperatorKind.Plus)
                    {
                        return LowerReal(u.Operand, into);
                    }

                    if (u.OperatorKind == UnaryOperatorKind.Minus)
                    {
                        var a = LowerReal(u.Operand, into);
                        int t = NewTemp();
                        into.Add(new Negate(t, a));
                        return new Temp(t);
                    }

                    break;
                }

            case IBinaryOperation b:
                {
                    if (b.Type?.SpecialType == SpecialType.System_Int32)
                    {
                        return IntToRealTemp(LowerInt(op), into);
                    }

                    string? sym = b.OperatorKind switch
                    {
                        BinaryOperatorKind.Add => "+",
                        BinaryOperatorKind.Subtract => "-",
                        BinaryOperatorKind.Multiply => "*",
                        BinaryOperatorKind.Divide => "/",
                        _ => null,
                    };
                    if (b.OperatorKind == BinaryOperatorKind.Remainder)
                    {
                        Report(ProblemIds.NonSmooth, "The remainder operator % is not smooth.", op.Syntax.GetLocation());
                        return new RealConst(0);
                    }

                    if (sym is null)
                    {
                        break;
                    }

                    var l = LowerReal(b.LeftOperand, into);
                    var r = LowerReal(b.RightOperand, into);
                    int t = NewTemp();
                    into.Add(new Binary(t, sym, l, r));
                    return new Temp(t);
                }

            case IInvocationOperation inv:
                return LowerCall(inv, into);
            case IConditionalOperation c when c.WhenFalse is not null:
                {
                    var cond = LowerCondition(c.Condition);
                    string r = NewRealLocal("cond");
                    var thenList = new List<Instr>();
                    thenList.Add(new AssignLocal(r, LowerReal(c.WhenTrue, thenList)));
                    var elseList = new List<Instr>();
                    elseList.Add(new AssignLocal(r, LowerReal(c.WhenFalse, elseList)));
                    into.Add(new IfElse(cond, thenList.ToEquatableArray(), elseList.ToEquatableArray()));
                    int t = NewTemp();
                    into.Add(new ReadLocal(t, r));
                    return new Temp(t);
                }
        }

        if (op.Type is { } type && type.SpecialType != SpecialType.System_Double && type.SpecialType != SpecialType.System_Int32)
        {
            Report(ProblemIds.Unsupported, $"'{Short(op.Syntax)}' has type '{type.ToDisplayString()}'; assignments compute with double and int only.", op.Syntax.GetLocation());
        }
        else
        {
            Report(ProblemIds.Unsupported, $"'{Short(op.Syntax)}' is outside the differentiable subset.", op.Syntax.GetLocation());
        }

        return new RealConst(0);
    }

    private Operand LowerConversion(IConversionOperation conv, List<Instr> into)
    {
        var from = conv.Operand.Type?.SpecialType;
        var to = conv.Type?.SpecialType;
        if (to == SpecialType.System_Double && from == SpecialType.System_Double)
        {
            return LowerReal(conv.Operand, into);
        }

        if (to == SpecialType.System_Double && from is SpecialType.System_Int32)
        {
            return IntToRealTemp(LowerInt(conv.Operand), into);
        }

        if (to is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_Byte or SpecialType.System_UInt32 or SpecialType.System_UInt64)
        {
            Report(ProblemIds.NonSmooth, $"The cast '{Short(conv.Syntax)}' to an integer type is not smooth.", conv.Syntax.GetLocation());
            return new RealConst(0);
        }

        if (OutsideStateRead(conv.Operand) is { } outside)
        {
            ReportOutsideState(outside);
            return new RealConst(0);
        }

        Report(ProblemIds.Unsupported, $"The conversion '{Short(conv.Syntax)}' is outside the differentiable subset (double and int only).", conv.Syntax.GetLocation());
        return new RealConst(0);
    }

    private Operand IntToRealTemp(IntExpr? value, List<Instr> into)
    {
        if (value is null)
        {
            return new RealConst(0);
        }

        if (value is IntConst c)
        {
            return new RealConst(c.Value);
        }

        int t = NewTemp();
        into.Add(new IntToReal(t, value));
        return new Temp(t);
    }

    private Operand LowerMemberRead(IOperation op, List<Instr> into)
    {
        var (symbol, instance) = op switch
        {
            IFieldReferenceOperation f => ((ISymbol)f.Field, f.Instance),
            IPropertyReferenceOperation p => (p.Property, p.Instance),
            _ => (null!, null),
        };

        if (IsOwnMember(symbol, instance))
        {
            if (_model.Nodes.TryGetValue(symbol.Name, out var node) && HasAttribute(symbol, "LieInter.NodeAttribute"))
            {
                if (node.IsVector)
                {
                    Report(ProblemIds.Unsupported, $"Vector node '{node.Name}' must be read element by element ({node.Name}[j]).", op.Syntax.GetLocation());
                    return new RealConst(0);
                }

                int t = NewTemp();
                into.Add(new ReadNode(t, node.Name, null));
                return new Temp(t);
            }

            if (_model.Parameters.TryGetValue(symbol.Name, out var par) && HasAttribute(symbol, "LieInter.ParameterAttribute"))
            {
                if (par.Shape != ParamShape.Scalar)
                {
                    Report(ProblemIds.Unsupported, $"Parameter '{par.Name}' must be read element by element.", op.Syntax.GetLocation());
                    return new RealConst(0);
                }

                return ReadParameterWithActions(par.Name, null, null, into);
            }
        }

        var full = symbol.ContainingType?.ToDisplayString() + "." + symbol.Name;
        if (SmoothFunctionTable.Constants.TryGetValue(full, out double value))
        {
            return new RealConst(value);
        }

        Report(ProblemIds.Impure, $"'{Short(op.Syntax)}' reads state that is neither a node, a parameter, a constant nor a local; mark it [Node] or [Parameter], or make it const.", op.Syntax.GetLocation());
        return new RealConst(0);
    }

    private Operand LowerElementRead(IArrayElementReferenceOperation ae, List<Instr> into)
    {
        var array = ae.ArrayReference;
        var indices = ae.Indices.Select(LowerInt).ToArray();
        if (indices.Any(i => i is null))
        {
            return new RealConst(0);
        }

        var (symbol, instance) = MemberOf(array);
        if (symbol is not null && IsOwnMember(symbol, instance))
        {
            if (_model.Nodes.TryGetValue(symbol.Name, out var node) && node.IsVector && indices.Length == 1)
            {
                int t = NewTemp();
                into.Add(new ReadNode(t, node.Name, indices[0]));
                return new Temp(t);
            }

            if (_model.Parameters.TryGetValue(symbol.Name, out var par))
            {
                if (par.Shape == ParamShape.Vector && indices.Length == 1)
                {
                    return ReadParameterWithActions(par.Name, indices[0], null, into);
                }

                if (par.Shape == ParamShape.Matrix && indices.Length == 2)
                {
                    return ReadParameterWithActions(par.Name, indices[0], indices[1], into);
                }
            }
        }

        // A.Values[k] of a sparse matrix parameter.
        if (array is IPropertyReferenceOperation { Property.Name: "Values" } vp && MemberOf(vp.Instance!) is var (vs, vi) && vs is not null && IsOwnMember(vs, vi)
            && _model.Parameters.TryGetValue(vs.Name, out var sp) && sp.Shape == ParamShape.Sparse && indices.Length == 1)
        {
            return ReadParameterWithActions(sp.Name, indices[0], null, into);
        }

        Report(ProblemIds.Impure, $"'{Short(ae.Syntax)}' reads an array that is neither a node nor a parameter.", ae.Syntax.GetLocation());
        return new RealConst(0);
    }

    /// <summary>Reads a parameter element and applies the Lie interventions declared on it, in declaration order.</summary>
    private Operand ReadParameterWithActions(string name, IntExpr? i, IntExpr? j, List<Instr> into)
    {
        int t = NewTemp();
        into.Add(new ReadParameter(t, name, i, j));
        Operand value = new Temp(t);
        if (_model.ParameterActions.TryGetValue(name, out var actions))
        {
            var shape = _model.Parameters[name].Shape;
            IntExpr? element = shape switch
            {
                ParamShape.Scalar => null,
                ParamShape.Matrix => new IntBinary("+", new IntBinary("*", i!, new IntLength(name, LengthKind.MatrixDimension, 1)), j!),
                _ => i,
            };
            foreach (var (iv, tg, shared) in actions)
            {
                int a = NewTemp();
                into.Add(new ApplyGroup(a, value, iv, tg, shared ? null : element));
                value = new Temp(a);
            }
        }

        return value;
    }

    private Operand LowerCall(IInvocationOperation inv, List<Instr> into)
    {
        var m = inv.TargetMethod;
        string type = m.ContainingType?.ToDisplayString() ?? "";
        var args = inv.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).ToArray();
        var fn = SmoothFunctionTable.Find(type, m.Name, args.Length);
        if (fn is not null && m.Parameters.All(p => p.Type.SpecialType == SpecialType.System_Double))
        {
            var ops = args.Select(a => LowerReal(a.Value, into)).ToEquatableArray();
            int t = NewTemp();
            into.Add(new Call(t, fn.Key, ops));
            return new Temp(t);
        }

        if (SmoothFunctionTable.IsNonSmooth(type, m.Name))
        {
            string hint = m.Name is "Abs" or "Min" or "Max" ? $" Use LieInter.Smooth.{m.Name} (smoothing width documented there)." : "";
            Report(ProblemIds.NonSmooth, $"'{type}.{m.Name}' is not smooth.{hint}", inv.Syntax.GetLocation());
            return new RealConst(0);
        }

        if (IsImpureCall(m))
        {
            Report(ProblemIds.Impure, $"Call to '{m.ToDisplayString()}' has side effects or reads outside state.", inv.Syntax.GetLocation());
            return new RealConst(0);
        }

        if (HasAttribute(m, SmoothAttributeName))
        {
            return InlineHelper(inv, args, into);
        }

        if (m.DeclaringSyntaxReferences.Length > 0 && SymbolEqualityComparer.Default.Equals(m.ContainingType, _model.Type))
        {
            Report(ProblemIds.Unsupported, $"'{m.Name}' is not in the smooth-function table; mark the helper [Smooth] so it is inlined and differentiated.", inv.Syntax.GetLocation());
        }
        else
        {
            Report(ProblemIds.Unsupported, $"Call to '{m.ToDisplayString()}' is outside the smooth-function table.", inv.Syntax.GetLocation());
        }

        return new RealConst(0);
    }

    private Operand InlineHelper(IInvocationOperation inv, IArgumentOperation[] args, List<Instr> into)
    {
        var m = inv.TargetMethod;
        if (_inlining.Any(s => SymbolEqualityComparer.Default.Equals(s, m.OriginalDefinition)))
        {
            Report(ProblemIds.Unsupported, $"Recursive call to '{m.Name}': assignments and their helpers may not recurse.", inv.Syntax.GetLocation());
            return new RealConst(0);
        }

        if (!m.IsStatic && !(inv.Instance is IInstanceReferenceOperation && SymbolEqualityComparer.Default.Equals(m.ContainingType, _model.Type)))
        {
            Report(ProblemIds.Unsupported, $"Helper '{m.Name}' must be a static method or an instance method of the model called on this.", inv.Syntax.GetLocation());
            return new RealConst(0);
        }

        if (m.ReturnType.SpecialType != SpecialType.System_Double || m.IsGenericMethod || m.Parameters.Any(p => p.RefKind != RefKind.None || (p.Type.SpecialType != SpecialType.System_Double && p.Type.SpecialType != SpecialType.System_Int32)))
        {
            Report(ProblemIds.Unsupported, $"Helper '{m.Name}' must return double and take double or int parameters by value.", inv.Syntax.GetLocation());
            return new RealConst(0);
        }

        var syntax = m.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<MethodDeclarationSyntax>().FirstOrDefault();
        if (syntax is null || (syntax.Body is null && syntax.ExpressionBody is null))
        {
            Report(ProblemIds.Unsupported, $"Helper '{m.Name}' has no source body to differentiate.", inv.Syntax.GetLocation());
            return new RealConst(0);
        }

        // Bind parameters to fresh locals holding the evaluated arguments (arguments are evaluated first).
        var values = new List<(IParameterSymbol P, object Value)>();
        foreach (var a in args)
        {
            if (a.Parameter is null)
            {
                continue;
            }

            if (a.Parameter.Type.SpecialType == SpecialType.System_Int32)
            {
                var iv = LowerInt(a.Value);
                values.Add((a.Parameter, (object?)iv ?? new IntConst(0)));
            }
            else
            {
                values.Add((a.Parameter, LowerReal(a.Value, into)));
            }
        }

        foreach (var (p, v) in values)
        {
            if (v is IntExpr ie)
            {
                string name = Fresh(p.Name);
                into.Add(new DeclareInt(name, ie));
                _bindings[p] = (true, name);
            }
            else
            {
                string name = NewRealLocal(p.Name);
                into.Add(new AssignLocal(name, (Operand)v));
                _bindings[p] = (false, name);
            }
        }

        _inlining.Push(m.OriginalDefinition);
        var result = LowerMethodBody(syntax, _compilation.GetSemanticModel(syntax.SyntaxTree), into, default) ?? new RealConst(0);
        _inlining.Pop();
        return result;
    }

    // ---------------------------------------------------------------- integer and boolean expressions

    private IntExpr? LowerInt(IOperation op)
    {
        if (op.ConstantValue.HasValue && op.ConstantValue.Value is int ci)
        {
            return new IntConst(ci);
        }

        switch (op)
        {
            case IParenthesizedOperation p:
                return LowerInt(p.Operand);
            case IConversionOperation c when c.Operand.Type?.SpecialType == SpecialType.System_Int32 && c.Type?.SpecialType == SpecialType.System_Int32:
                return LowerInt(c.Operand);
            case IConversionOperation c when c.Type?.SpecialType == SpecialType.System_Int32:
                Report(ProblemIds.NonSmooth, $"The cast '{Short(c.Syntax)}' to an integer type is not smooth.", c.Syntax.GetLocation());
                return null;
            case ILocalReferenceOperation l when _bindings.TryGetValue(l.Local, out var b) && b.IsInt:
                return new IntVar(b.Name);
            case IParameterReferenceOperation pr when _bindings.TryGetValue(pr.Parameter, out var pb) && pb.IsInt:
                return new IntVar(pb.Name);
            case IBinaryOperation bin when bin.Type?.SpecialType == SpecialType.System_Int32:
                {
                    string? sym = bin.OperatorKind switch
                    {
                        BinaryOperatorKind.Add => "+",
                        BinaryOperatorKind.Subtract => "-",
                        BinaryOperatorKind.Multiply => "*",
                        BinaryOperatorKind.Divide => "/",
                        BinaryOperatorKind.Remainder => "%",
                        _ => null,
                    };
                    var l = LowerInt(bin.LeftOperand);
                    var r = LowerInt(bin.RightOperand);
                    if (sym is null || l is null || r is null)
                    {
                        break;
                    }

                    return new IntBinary(sym, l, r);
                }

            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus } u when u.Type?.SpecialType == SpecialType.System_Int32:
                {
                    var a = LowerInt(u.Operand);
                    return a is null ? null : new IntNegate(a);
                }

            case IConditionalOperation c when c.WhenFalse is not null && c.Type?.SpecialType == SpecialType.System_Int32:
                {
                    var cond = LowerCondition(c.Condition);
                    var a = LowerInt(c.WhenTrue);
                    var b2 = LowerInt(c.WhenFalse);
                    return a is null || b2 is null ? null : new IntConditional(cond, a, b2);
                }

            case IPropertyReferenceOperation pr when pr.Property.Name == "Length" && pr.Instance is not null:
                {
                    var (s, inst) = MemberOf(pr.Instance);
                    if (s is not null && IsOwnMember(s, inst))
                    {
                        if (_model.Nodes.TryGetValue(s.Name, out var n) && n.IsVector)
                        {
                            return new IntLength(n.Name, LengthKind.Node, 0);
                        }

                        if (_model.Parameters.TryGetValue(s.Name, out var p) && p.Shape is ParamShape.Vector or ParamShape.Matrix)
                        {
                            return new IntLength(p.Name, LengthKind.ArrayLength, 0);
                        }
                    }

                    if (pr.Instance is IPropertyReferenceOperation { Property.Name: "Values" or "ColumnIndices" or "RowPointers" } arr && MemberOf(arr.Instance!) is var (ss, si) && ss is not null && IsOwnMember(ss, si)
                        && _model.Parameters.TryGetValue(ss.Name, out var spar) && spar.Shape == ParamShape.Sparse)
                    {
                        return arr.Property.Name == "RowPointers"
                            ? new IntBinary("+", new IntLength(spar.Name, LengthKind.Sparse, 0), new IntConst(1))
                            : new IntLength(spar.Name, LengthKind.Sparse, 2);
                    }

                    break;
                }

            case IPropertyReferenceOperation pr when pr.Property.Name is "Rows" or "Columns" or "NonZeroCount" && pr.Instance is not null:
                {
                    var (s, inst) = MemberOf(pr.Instance);
                    if (s is not null && IsOwnMember(s, inst) && _model.Parameters.TryGetValue(s.Name, out var p) && p.Shape == ParamShape.Sparse)
                    {
                        return new IntLength(p.Name, LengthKind.Sparse, pr.Property.Name == "Rows" ? 0 : pr.Property.Name == "Columns" ? 1 : 2);
                    }

                    break;
                }

            case IInvocationOperation inv when inv.TargetMethod.Name == "GetLength" && inv.Instance is not null && inv.Arguments.Length == 1:
                {
                    var (s, inst) = MemberOf(inv.Instance);
                    if (s is not null && IsOwnMember(s, inst) && _model.Parameters.TryGetValue(s.Name, out var p) && p.Shape == ParamShape.Matrix
                        && inv.Arguments[0].Value.ConstantValue is { HasValue: true, Value: int dim } && dim is 0 or 1)
                    {
                        return new IntLength(p.Name, LengthKind.MatrixDimension, dim);
                    }

                    break;
                }

            case IArrayElementReferenceOperation ae when ae.Indices.Length == 1
                && ae.ArrayReference is IPropertyReferenceOperation { Property.Name: "RowPointers" or "ColumnIndices" } arr:
                {
                    var (s, inst) = MemberOf(arr.Instance!);
                    var idx = LowerInt(ae.Indices[0]);
                    if (s is not null && idx is not null && IsOwnMember(s, inst) && _model.Parameters.TryGetValue(s.Name, out var p) && p.Shape == ParamShape.Sparse)
                    {
                        return new IntSparseRead(p.Name, arr.Property.Name == "RowPointers" ? SparseArray.RowPointers : SparseArray.ColumnIndices, idx);
                    }

                    break;
                }

            case IInvocationOperation inv when inv.TargetMethod.ContainingType?.ToDisplayString() is "System.Math" && inv.TargetMethod.Name is "Min" or "Max" or "Abs"
                && inv.Type?.SpecialType == SpecialType.System_Int32:
                {
                    // Integer Min/Max/Abs on indices are fine: they never touch real values.
                    var a = inv.Arguments.Select(x => LowerInt(x.Value)).ToArray();
                    if (a.Any(x => x is null))
                    {
                        return null;
                    }

                    return inv.TargetMethod.Name switch
                    {
                        "Min" => new IntConditional(new IntCompare("<", a[0]!, a[1]!), a[0]!, a[1]!),
                        "Max" => new IntConditional(new IntCompare(">", a[0]!, a[1]!), a[0]!, a[1]!),
                        _ => new IntConditional(new IntCompare("<", a[0]!, new IntConst(0)), new IntNegate(a[0]!), a[0]!),
                    };
                }
        }

        if (OutsideStateRead(op) is { } outside)
        {
            ReportOutsideState(outside);
        }
        else if (op is IInvocationOperation nonSmooth && SmoothFunctionTable.IsNonSmooth(nonSmooth.TargetMethod.ContainingType?.ToDisplayString() ?? "", nonSmooth.TargetMethod.Name))
        {
            // Math.Sign and friends return integers but are just as non-smooth in their real argument.
            Report(ProblemIds.NonSmooth, $"'{nonSmooth.TargetMethod.ContainingType?.ToDisplayString()}.{nonSmooth.TargetMethod.Name}' is not smooth.", op.Syntax.GetLocation());
        }
        else if (op.Type?.SpecialType == SpecialType.System_Int32 && DependsOnModel(op))
        {
            Report(ProblemIds.Unsupported, $"The integer expression '{Short(op.Syntax)}' depends on node or parameter values; indices and loop bounds must not.", op.Syntax.GetLocation());
        }
        else
        {
            Report(ProblemIds.Unsupported, $"The integer expression '{Short(op.Syntax)}' is outside the supported subset (int locals, loop counters, lengths, sparse structure, + - * / %).", op.Syntax.GetLocation());
        }

        return null;
    }

    private BoolExpr LowerCondition(IOperation op)
    {
        switch (op)
        {
            case IParenthesizedOperation p:
                return LowerCondition(p.Operand);
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: bool bv } }:
                return new BoolConst(bv);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } u:
                return new BoolNot(LowerCondition(u.Operand));
            case IBinaryOperation b when b.OperatorKind is BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr:
                return new BoolLogical(b.OperatorKind == BinaryOperatorKind.ConditionalAnd ? "&&" : "||", LowerCondition(b.LeftOperand), LowerCondition(b.RightOperand));
            case IBinaryOperation b:
                {
                    string? sym = b.OperatorKind switch
                    {
                        BinaryOperatorKind.Equals => "==",
                        BinaryOperatorKind.NotEquals => "!=",
                        BinaryOperatorKind.LessThan => "<",
                        BinaryOperatorKind.LessThanOrEqual => "<=",
                        BinaryOperatorKind.GreaterThan => ">",
                        BinaryOperatorKind.GreaterThanOrEqual => ">=",
                        _ => null,
                    };
                    bool ints = b.LeftOperand.Type?.SpecialType == SpecialType.System_Int32 && b.RightOperand.Type?.SpecialType == SpecialType.System_Int32;
                    if (sym is not null && ints)
                    {
                        var l = LowerInt(b.LeftOperand);
                        var r = LowerInt(b.RightOperand);
                        if (l is not null && r is not null)
                        {
                            return new IntCompare(sym, l, r);
                        }

                        return new BoolConst(true);
                    }

                    break;
                }
        }

        if (DependsOnModel(op) || op.Descendants().Any(d => d.Type?.SpecialType == SpecialType.System_Double))
        {
            Report(ProblemIds.NonSmooth, $"The condition '{Short(op.Syntax)}' depends on nodes or parameters (real values): branching on it is not smooth. Use LieInter.Smooth functions instead.", op.Syntax.GetLocation());
        }
        else
        {
            Report(ProblemIds.Unsupported, $"The condition '{Short(op.Syntax)}' is outside the supported subset (comparisons of integers, && || !).", op.Syntax.GetLocation());
        }

        return new BoolConst(true);
    }

    // ---------------------------------------------------------------- helpers

    private bool DependsOnModel(IOperation op) =>
        new[] { op }.Concat(op.Descendants()).Any(d => d switch
        {
            IFieldReferenceOperation f => IsModelMember(d),
            IPropertyReferenceOperation p => IsModelMember(d),
            ILocalReferenceOperation l => l.Local.Type.SpecialType == SpecialType.System_Double,
            IParameterReferenceOperation pr => pr.Parameter.Type.SpecialType == SpecialType.System_Double,
            _ => false,
        });

    private bool IsModelMember(IOperation op)
    {
        var (s, inst) = MemberOf(op);
        if (s is null || !IsOwnMember(s, inst))
        {
            if (op is IArrayElementReferenceOperation ae)
            {
                return IsModelMember(ae.ArrayReference);
            }

            return false;
        }

        return (_model.Nodes.ContainsKey(s.Name) || _model.Parameters.ContainsKey(s.Name))
            && (HasAttribute(s, "LieInter.NodeAttribute") || HasAttribute(s, "LieInter.ParameterAttribute"));
    }

    private static (ISymbol? Symbol, IOperation? Instance) MemberOf(IOperation op) => op switch
    {
        IFieldReferenceOperation f => (f.Field, f.Instance),
        IPropertyReferenceOperation p => (p.Property, p.Instance),
        IParenthesizedOperation par => MemberOf(par.Operand),
        IConversionOperation c when c.IsImplicit => MemberOf(c.Operand),
        _ => (null, null),
    };

    private bool IsOwnMember(ISymbol symbol, IOperation? instance) =>
        !symbol.IsStatic
        && SymbolEqualityComparer.Default.Equals(symbol.ContainingType, _model.Type)
        && instance is IInstanceReferenceOperation;

    /// <summary>In an expression already outside the subset: the first read of state that is neither node, parameter,
    /// constant nor local (a non-constant field or property that is not a node or parameter, or a member of a type with
    /// side effects such as DateTime), so the problem is reported as impurity (LIE0102) rather than as unsupported.</summary>
    private IOperation? OutsideStateRead(IOperation op) =>
        new[] { op }.Concat(op.Descendants()).FirstOrDefault(d => d switch
        {
            IInvocationOperation inv => IsImpureCall(inv.TargetMethod),
            IPropertyReferenceOperation p => IsImpureType(p.Property.ContainingType)
                || (p.Property.DeclaringSyntaxReferences.Length > 0 && !IsModelMember(d)),
            IFieldReferenceOperation f => !f.Field.IsConst && !IsModelMember(d)
                && !SmoothFunctionTable.Constants.ContainsKey(f.Field.ContainingType?.ToDisplayString() + "." + f.Field.Name),
            _ => false,
        });

    private void ReportOutsideState(IOperation read) =>
        Report(ProblemIds.Impure, read is IInvocationOperation inv
            ? $"Call to '{inv.TargetMethod.ToDisplayString()}' has side effects or reads outside state."
            : $"'{Short(read.Syntax)}' reads state that is neither a node, a parameter, a constant nor a local; mark it [Node] or [Parameter], or make it const.", read.Syntax.GetLocation());

    private static bool IsImpureCall(IMethodSymbol m) => IsImpureType(m.ContainingType);

    private static bool IsImpureType(INamedTypeSymbol? t)
    {
        string type = t?.ToDisplayString() ?? "";
        string ns = t?.ContainingNamespace?.ToDisplayString() ?? "";
        return type is "System.Random" or "System.DateTime" or "System.DateTimeOffset" or "System.Console" or "System.Environment" or "System.Guid" or "System.Diagnostics.Stopwatch" or "System.Threading.Interlocked"
            || ns.StartsWith("System.IO", StringComparison.Ordinal) || ns.StartsWith("System.Net", StringComparison.Ordinal);
    }

    internal static bool HasAttribute(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == metadataName);

    private static bool IsReal(ILocalSymbol local) => local.Type.SpecialType == SpecialType.System_Double;

    private string RealLocal(ILocalSymbol local)
    {
        if (_bindings.TryGetValue(local, out var b) && !b.IsInt)
        {
            return b.Name;
        }

        // A local captured before its declaration was lowered (should not happen in valid C#).
        string name = NewRealLocal(local.Name);
        _bindings[local] = (false, name);
        return name;
    }

    private string NewRealLocal(string baseName)
    {
        string name = Fresh(baseName);
        _realLocals.Add(name);
        return name;
    }

    private string Fresh(string baseName)
    {
        string name = baseName;
        int k = 2;
        while (!_names.Add(name))
        {
            name = baseName + "_" + k++;
        }

        return name;
    }

    private int NewTemp() => _nextTemp++;

    private void Report(string id, string message, Location? location) => _problems.Add(new Problem(id, message, location));

    private static string Short(SyntaxNode node)
    {
        var text = node.ToString().Replace("\r", " ").Replace("\n", " ");
        return text.Length > 60 ? text.Substring(0, 57) + "..." : text;
    }
}
