using System.Collections.Generic;
using System.Linq;
using LieInter.Generators.Ir;

namespace LieInter.Generators.Emit;

// Activity analysis: which temporaries and locals carry derivatives in a variant, which primal values the
// reverse sweep needs, and which of those it can recompute rather than read from the tape.
internal sealed partial class BodyEmitter
{
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
}
