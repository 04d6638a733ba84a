using LieInter.Modeling;

namespace LieInter.Equilibrium;

/// <summary>
/// A bound model ready to solve: the generated <see cref="IEquilibriumModel"/>, the current Lie-intervention
/// coordinates u, and any assignment overrides (soft interventions). It is the <see cref="IFixedPointMap"/> the
/// solvers iterate and the object implicit differentiation works on.
/// </summary>
/// <remarks>Not thread-safe: it owns reusable buffers. Use one system (and one model instance) per thread.</remarks>
public sealed class EquilibriumSystem : IFixedPointMap, IJacobianRows
{
    private readonly Dictionary<string, OverrideSlot> _overrides = new();
    private double[] _u = [];
    private double[] _wMasked = [];

    public EquilibriumSystem(IEquilibriumModel model)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Rebind();
    }

    public IEquilibriumModel Model { get; }

    public ModelSchema Schema => Model.Schema;

    public ModelLayout Layout { get; private set; } = null!;

    public int Dimension => Layout.StateLength;

    /// <summary>All Lie-intervention coordinates u (zeros = unintervened), laid out as <see cref="ModelLayout.Interventions"/>.</summary>
    public Span<double> Coordinates => _u;

    /// <summary>The coordinates of one declared intervention.</summary>
    public Span<double> InterventionCoordinates(string name) => _u.AsSpan(Layout.Intervention(name).Range);

    public bool HasOverrides => _overrides.Count > 0;

    /// <summary>Affine in the state when the generator proved the model affine and no override replaces an
    /// assignment (an override may be nonlinear).</summary>
    public bool IsAffineInState => Schema.IsAffineInState && _overrides.Count == 0;

    /// <summary>Recomputes the layout after the model's arrays were replaced or resized. Coordinates are kept
    /// where the layout did not change, reset to zero otherwise.</summary>
    public void Rebind()
    {
        var layout = Model.GetLayout();
        if (Layout is null || layout.InterventionLength != _u.Length)
        {
            _u = new double[layout.InterventionLength];
        }

        Layout = layout;
        _wMasked = new double[layout.StateLength];
        foreach (var slot in _overrides.Values)
        {
            slot.Bind(this);
        }
    }

    /// <summary>Throws <see cref="ModelShapeException"/> when the model's arrays disagree with each other (the
    /// generated layout checks them) or no longer match the layout this system was bound to: an array replaced or
    /// resized without <see cref="Rebind"/>.</summary>
    public void ValidateLayout()
    {
        var now = Model.GetLayout();
        foreach (var (was, isNow, kind) in Layout.Nodes.Zip(now.Nodes, (a, b) => (a, b, "Node"))
                     .Concat(Layout.Parameters.Zip(now.Parameters, (a, b) => (a, b, "Parameter")))
                     .Concat(Layout.Interventions.Zip(now.Interventions, (a, b) => (a, b, "Lie intervention"))))
        {
            if (was.Length != isNow.Length)
            {
                throw new ModelShapeException(Schema.ModelName, was.Name, $"{was.Length} entries", $"{isNow.Length} entries",
                    $"{kind} '{was.Name}' of model '{Schema.ModelName}' now has {isNow.Length} entries, but the EquilibriumSystem was bound when it had {was.Length}: its array was replaced or resized.");
            }
        }
    }

    /// <summary>Replaces the assignment of <paramref name="node"/> by <paramref name="assignment"/>, a differentiable
    /// function of the node's parents in the causal graph. Returns the binding (parents and their segments).</summary>
    public OverrideBinding Override(string node, IAssignmentOverride assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        Schema.NodeIndex(node); // validates the name
        var slot = new OverrideSlot(node, assignment);
        slot.Bind(this);
        _overrides[node] = slot;
        return slot.Binding;
    }

    public bool RemoveOverride(string node) => _overrides.Remove(node);

    /// <summary>Reads the model's node fields as a state vector (a natural warm start).</summary>
    public double[] ReadState()
    {
        var x = new double[Dimension];
        Model.ReadState(x);
        return x;
    }

    public void Evaluate(ReadOnlySpan<double> x, Span<double> fx)
    {
        Model.Evaluate(x, _u, fx);
        foreach (var slot in _overrides.Values)
        {
            slot.Evaluate(x, fx);
        }
    }

    public void Jvp(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> fx, Span<double> jv) =>
        Jvp(x, v, ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty, fx, jv);

    /// <summary>fx = f(x) and jv = Jx dx + Jtheta dTheta + Ju du (empty directions are zero).</summary>
    public void Jvp(ReadOnlySpan<double> x, ReadOnlySpan<double> dx, ReadOnlySpan<double> dTheta, ReadOnlySpan<double> du, Span<double> fx, Span<double> jv)
    {
        Model.Jvp(x, _u, dx, dTheta, du, fx, jv);
        foreach (var slot in _overrides.Values)
        {
            slot.Jvp(x, dx, fx, jv);
        }
    }

    public void Vjp(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> wJ) =>
        Vjp(x, w, wJ, Span<double>.Empty, Span<double>.Empty);

    /// <summary>wJx = w^T Jx, wJTheta = w^T Jtheta, wJu = w^T Ju (empty outputs are skipped). An overridden node
    /// contributes only through its override, which depends on its parents alone.</summary>
    public void Vjp(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> wJx, Span<double> wJTheta, Span<double> wJu)
    {
        if (_overrides.Count == 0)
        {
            Model.Vjp(x, _u, w, wJx, wJTheta, wJu);
            return;
        }

        w.CopyTo(_wMasked);
        foreach (var slot in _overrides.Values)
        {
            _wMasked.AsSpan(slot.NodeSegment.Range).Clear();
        }

        Model.Vjp(x, _u, _wMasked, wJx, wJTheta, wJu);
        foreach (var slot in _overrides.Values)
        {
            slot.VjpAccumulate(x, w, wJx);
        }
    }

    /// <summary>Row <paramref name="row"/> of Jx, overrides included.</summary>
    public void JacobianRow(ReadOnlySpan<double> x, int row, Span<double> jacobianRow)
    {
        foreach (var slot in _overrides.Values)
        {
            if (row >= slot.NodeSegment.Offset && row < slot.NodeSegment.End)
            {
                var w = new double[Dimension];
                w[row] = 1.0;
                jacobianRow.Clear();
                slot.VjpAccumulate(x, w, jacobianRow);
                return;
            }
        }

        Model.JacobianRow(x, _u, row, jacobianRow);
    }

    /// <summary>One attached override with its gather buffers.</summary>
    private sealed class OverrideSlot
    {
        private double[] _parents = [];
        private double[] _dParents = [];
        private double[] _value = [];
        private double[] _dValue = [];

        public OverrideSlot(string node, IAssignmentOverride assignment)
        {
            Node = node;
            Assignment = assignment;
        }

        public string Node { get; }

        public IAssignmentOverride Assignment { get; }

        public OverrideBinding Binding { get; private set; } = null!;

        public Segment NodeSegment { get; private set; }

        private Segment[] StateSegments { get; set; } = [];

        public void Bind(EquilibriumSystem system)
        {
            var layout = system.Layout;
            NodeSegment = layout.Node(Node);
            var parentNames = system.Schema.Nodes.Select(n => n.Name).Where(n => system.Schema.Graph.ParentsOf(Node).Contains(n)).ToArray();
            StateSegments = parentNames.Select(layout.Node).ToArray();
            var local = new List<Segment>();
            int offset = 0;
            foreach (var s in StateSegments)
            {
                local.Add(new Segment(s.Name, offset, s.Length));
                offset += s.Length;
            }

            Binding = new OverrideBinding(Node, NodeSegment.Length, local);
            _parents = new double[offset];
            _dParents = new double[offset];
            _value = new double[NodeSegment.Length];
            _dValue = new double[NodeSegment.Length];
            Assignment.Bind(Binding);
        }

        public void Evaluate(ReadOnlySpan<double> x, Span<double> fx)
        {
            Gather(x, _parents);
            Assignment.Evaluate(_parents, fx[NodeSegment.Range]);
        }

        public void Jvp(ReadOnlySpan<double> x, ReadOnlySpan<double> dx, Span<double> fx, Span<double> jv)
        {
            Gather(x, _parents);
            if (dx.IsEmpty)
            {
                Array.Clear(_dParents);
            }
            else
            {
                Gather(dx, _dParents);
            }

            Assignment.Jvp(_parents, _dParents, _value, _dValue);
            _value.CopyTo(fx[NodeSegment.Range]);
            _dValue.CopyTo(jv[NodeSegment.Range]);
        }

        public void VjpAccumulate(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> wJx)
        {
            Gather(x, _parents);
            Assignment.Vjp(_parents, w[NodeSegment.Range], _dParents);
            int offset = 0;
            foreach (var s in StateSegments)
            {
                var target = wJx.Slice(s.Offset, s.Length);
                for (int k = 0; k < s.Length; k++)
                {
                    target[k] += _dParents[offset + k];
                }

                offset += s.Length;
            }
        }

        private void Gather(ReadOnlySpan<double> source, Span<double> destination)
        {
            int offset = 0;
            foreach (var s in StateSegments)
            {
                source.Slice(s.Offset, s.Length).CopyTo(destination.Slice(offset, s.Length));
                offset += s.Length;
            }
        }
    }
}
