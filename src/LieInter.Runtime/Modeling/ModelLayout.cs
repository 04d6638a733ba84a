namespace LieInter.Modeling;

/// <summary>Run-time layout of a bound model: where each node lives in the state vector x, each parameter in the
/// parameter vector theta (row-major for matrices, stored values for sparse matrices) and each Lie intervention
/// in the coordinate vector u (per target in declaration order, per element, then per group coordinate).</summary>
public sealed class ModelLayout
{
    public ModelLayout(IReadOnlyList<Segment> nodes, IReadOnlyList<Segment> parameters, IReadOnlyList<Segment> interventions)
    {
        Nodes = nodes;
        Parameters = parameters;
        Interventions = interventions;
        StateLength = nodes.Count == 0 ? 0 : nodes[^1].End;
        ParameterLength = parameters.Count == 0 ? 0 : parameters[^1].End;
        InterventionLength = interventions.Count == 0 ? 0 : interventions[^1].End;
    }

    public IReadOnlyList<Segment> Nodes { get; }

    public IReadOnlyList<Segment> Parameters { get; }

    public IReadOnlyList<Segment> Interventions { get; }

    public int StateLength { get; }

    public int ParameterLength { get; }

    public int InterventionLength { get; }

    public Segment Node(string name) => Find(Nodes, name, "node");

    public Segment Parameter(string name) => Find(Parameters, name, "parameter");

    public Segment Intervention(string name) => Find(Interventions, name, "Lie intervention");

    /// <summary>Name of the node that owns state index <paramref name="index"/>, with the element index for vectors.</summary>
    public (string Node, int Element) NodeAt(int index)
    {
        foreach (var s in Nodes)
        {
            if (index >= s.Offset && index < s.End)
            {
                return (s.Name, index - s.Offset);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(index), index, $"State index outside 0..{StateLength - 1}.");
    }

    private static Segment Find(IReadOnlyList<Segment> segments, string name, string what)
    {
        foreach (var s in segments)
        {
            if (s.Name == name)
            {
                return s;
            }
        }

        throw new ArgumentException($"No {what} named '{name}'. Known: {string.Join(", ", segments.Select(s => s.Name))}.", nameof(name));
    }
}
