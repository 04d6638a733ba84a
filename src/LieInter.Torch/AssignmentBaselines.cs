using LieInter.Equilibrium;
using LieInter.Modeling;

namespace LieInter.Torch;

/// <summary>Functions of a node's parents that an <see cref="MlpAssignment"/> can correct (residual mode), so the
/// learned intervention starts at, and stays close to, a known assignment.</summary>
public static class AssignmentBaselines
{
    /// <summary>The value of one parent node (same length as the overridden node): the MLP then learns a correction of
    /// "copy that parent", the near-identity start the invariant intervention needs when the node tracks a parent.</summary>
    public static IAssignmentOverride Parent(string parent) => new ParentBaseline(parent);

    /// <summary>The model's own assignment of the overridden node, evaluated through <paramref name="system"/>'s model
    /// at its current parameters and Lie coordinates: the MLP learns a correction of the unintervened assignment.</summary>
    /// <remarks>Costs one full model evaluation (JVP, VJP) per call, since <see cref="IEquilibriumModel"/> evaluates all
    /// nodes at once. <see cref="EquilibriumSystem"/> treats overrides as functions of the parents only, so the system's
    /// derivatives with respect to parameters and Lie coordinates do not see this baseline's dependence on them; the
    /// derivatives with respect to the state (what the solvers and the MLP's training use) are exact.</remarks>
    public static IAssignmentOverride Original(EquilibriumSystem system) => new OriginalAssignmentBaseline(system);

    private sealed class ParentBaseline : IAssignmentOverride
    {
        private readonly string _parent;
        private Segment _segment;
        private bool _bound;

        public ParentBaseline(string parent)
        {
            _parent = parent ?? throw new ArgumentNullException(nameof(parent));
        }

        public void Bind(OverrideBinding binding)
        {
            var match = binding.Parents.Where(p => p.Name == _parent).ToArray();
            if (match.Length != 1)
            {
                throw new ArgumentException(
                    $"Node '{binding.Node}' has no parent named '{_parent}'. Its parents: [{string.Join(", ", binding.Parents.Select(p => p.Name))}].",
                    nameof(binding));
            }

            if (match[0].Length != binding.NodeLength)
            {
                throw new ArgumentException(
                    $"Parent '{_parent}' has {match[0].Length} value(s) but node '{binding.Node}' has {binding.NodeLength}; a parent baseline needs equal lengths.",
                    nameof(binding));
            }

            _segment = match[0];
            _bound = true;
        }

        public void Evaluate(ReadOnlySpan<double> parents, Span<double> value)
        {
            EnsureBound();
            parents.Slice(_segment.Offset, _segment.Length).CopyTo(value);
        }

        public void Jvp(ReadOnlySpan<double> parents, ReadOnlySpan<double> dParents, Span<double> value, Span<double> dValue)
        {
            EnsureBound();
            parents.Slice(_segment.Offset, _segment.Length).CopyTo(value);
            dParents.Slice(_segment.Offset, _segment.Length).CopyTo(dValue);
        }

        public void Vjp(ReadOnlySpan<double> parents, ReadOnlySpan<double> wValue, Span<double> wParents)
        {
            EnsureBound();
            wParents.Clear();
            wValue.CopyTo(wParents.Slice(_segment.Offset, _segment.Length));
        }

        private void EnsureBound()
        {
            if (!_bound)
            {
                throw new InvalidOperationException($"The baseline 'parent {_parent}' is used before Bind: attach its MLP with EquilibriumSystem.Override first.");
            }
        }
    }

    private sealed class OriginalAssignmentBaseline : IAssignmentOverride
    {
        private readonly EquilibriumSystem _system;
        private Segment _node;
        private Segment[] _parentSegments = [];
        private double[] _x = [];
        private double[] _dx = [];
        private double[] _fx = [];
        private double[] _jv = [];
        private double[] _w = [];
        private double[] _wJx = [];

        public OriginalAssignmentBaseline(EquilibriumSystem system)
        {
            _system = system ?? throw new ArgumentNullException(nameof(system));
        }

        public void Bind(OverrideBinding binding)
        {
            var layout = _system.Layout;
            _node = layout.Node(binding.Node);
            _parentSegments = binding.Parents.Select(p => layout.Node(p.Name)).ToArray();
            for (int k = 0; k < _parentSegments.Length; k++)
            {
                if (_parentSegments[k].Length != binding.Parents[k].Length)
                {
                    throw new ArgumentException($"Parent '{binding.Parents[k].Name}' of '{binding.Node}' has length {binding.Parents[k].Length} in the binding but {_parentSegments[k].Length} in the model's layout.", nameof(binding));
                }
            }

            int n = layout.StateLength;

            // Entries outside the parents do not affect the node's assignment; ones keep the other assignments finite.
            _x = Enumerable.Repeat(1.0, n).ToArray();
            _dx = new double[n];
            _fx = new double[n];
            _jv = new double[n];
            _w = new double[n];
            _wJx = new double[n];
        }

        public void Evaluate(ReadOnlySpan<double> parents, Span<double> value)
        {
            Scatter(parents, _x);
            _system.Model.Evaluate(_x, _system.Coordinates, _fx);
            _fx.AsSpan(_node.Range).CopyTo(value);
        }

        public void Jvp(ReadOnlySpan<double> parents, ReadOnlySpan<double> dParents, Span<double> value, Span<double> dValue)
        {
            Scatter(parents, _x);
            Array.Clear(_dx);
            Scatter(dParents, _dx);
            _system.Model.Jvp(_x, _system.Coordinates, _dx, ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty, _fx, _jv);
            _fx.AsSpan(_node.Range).CopyTo(value);
            _jv.AsSpan(_node.Range).CopyTo(dValue);
        }

        public void Vjp(ReadOnlySpan<double> parents, ReadOnlySpan<double> wValue, Span<double> wParents)
        {
            Scatter(parents, _x);
            Array.Clear(_w);
            wValue.CopyTo(_w.AsSpan(_node.Range));
            _system.Model.Vjp(_x, _system.Coordinates, _w, _wJx, Span<double>.Empty, Span<double>.Empty);
            int offset = 0;
            foreach (var s in _parentSegments)
            {
                _wJx.AsSpan(s.Range).CopyTo(wParents.Slice(offset, s.Length));
                offset += s.Length;
            }
        }

        private void Scatter(ReadOnlySpan<double> parents, double[] state)
        {
            if (_parentSegments.Length == 0 && _x.Length == 0)
            {
                throw new InvalidOperationException("The 'original assignment' baseline is used before Bind: attach its MLP with EquilibriumSystem.Override first.");
            }

            int offset = 0;
            foreach (var s in _parentSegments)
            {
                parents.Slice(offset, s.Length).CopyTo(state.AsSpan(s.Range));
                offset += s.Length;
            }
        }
    }
}
