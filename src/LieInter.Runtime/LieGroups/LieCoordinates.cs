namespace LieInter.LieGroups;

/// <summary>
/// Operations on Lie-algebra coordinate vectors of a (distributed) Lie intervention: a vector of length
/// k * Dimension holds k group elements, element j being Exp(u[j*Dimension .. (j+1)*Dimension)).
/// </summary>
public static class LieCoordinates
{
    /// <summary>
    /// The coordinates of the composed intervention "<paramref name="inner"/> first, then <paramref name="outer"/>":
    /// result = Log(Exp(outer) Exp(inner)) element by element, so Exp(result) . v = Exp(outer) . (Exp(inner) . v).
    /// Log is the group's logarithm, so the result is exact wherever it is defined (globally for the built-in groups;
    /// near the identity for groups whose logarithm is only local). <paramref name="result"/> may alias either input.
    /// </summary>
    public static void Compose<TGroup>(ReadOnlySpan<double> outer, ReadOnlySpan<double> inner, Span<double> result)
        where TGroup : ILieGroup<TGroup>
    {
        int dim = TGroup.Dimension;
        int elements = ElementCount<TGroup>(outer.Length, nameof(outer));
        if (inner.Length != outer.Length || result.Length != outer.Length)
        {
            throw new ArgumentException($"Coordinate vectors must have equal lengths to compose: outer {outer.Length}, inner {inner.Length}, result {result.Length}.");
        }

        int size = TGroup.ElementSize;
        Span<double> g = stackalloc double[size];
        Span<double> h = stackalloc double[size];
        Span<double> gh = stackalloc double[size];
        for (int j = 0; j < elements; j++)
        {
            var range = new Range(j * dim, (j + 1) * dim);
            TGroup.Exp(outer[range], g);
            TGroup.Exp(inner[range], h);
            TGroup.Compose(g, h, gh);
            TGroup.Log(gh, result[range]);
        }
    }

    /// <summary>Allocating form of <see cref="Compose{TGroup}(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>.</summary>
    public static double[] Compose<TGroup>(ReadOnlySpan<double> outer, ReadOnlySpan<double> inner)
        where TGroup : ILieGroup<TGroup>
    {
        var result = new double[outer.Length];
        Compose<TGroup>(outer, inner, result);
        return result;
    }

    /// <summary>The coordinates of the inverse intervention, Log(Exp(u)^-1) element by element (which undoes u:
    /// Exp(result) . (Exp(u) . v) = v). <paramref name="result"/> may alias <paramref name="u"/>.</summary>
    public static void Invert<TGroup>(ReadOnlySpan<double> u, Span<double> result)
        where TGroup : ILieGroup<TGroup>
    {
        int dim = TGroup.Dimension;
        int elements = ElementCount<TGroup>(u.Length, nameof(u));
        if (result.Length != u.Length)
        {
            throw new ArgumentException($"The result has length {result.Length}, expected {u.Length}.", nameof(result));
        }

        int size = TGroup.ElementSize;
        Span<double> g = stackalloc double[size];
        Span<double> inverse = stackalloc double[size];
        for (int j = 0; j < elements; j++)
        {
            var range = new Range(j * dim, (j + 1) * dim);
            TGroup.Exp(u[range], g);
            TGroup.Inverse(g, inverse);
            TGroup.Log(inverse, result[range]);
        }
    }

    /// <summary>Applies the element with coordinates <paramref name="u"/> (one element, length Dimension) to each value.</summary>
    public static void Apply<TGroup>(ReadOnlySpan<double> u, ReadOnlySpan<double> values, Span<double> result)
        where TGroup : ILieGroup<TGroup>
    {
        if (u.Length != TGroup.Dimension)
        {
            throw new ArgumentException($"One {typeof(TGroup).Name} element has {TGroup.Dimension} coordinates, got {u.Length}.", nameof(u));
        }

        if (result.Length != values.Length)
        {
            throw new ArgumentException($"The result has length {result.Length}, expected {values.Length}.", nameof(result));
        }

        for (int i = 0; i < values.Length; i++)
        {
            result[i] = TGroup.Apply(u, values[i]);
        }
    }

    private static int ElementCount<TGroup>(int length, string name)
        where TGroup : ILieGroup<TGroup>
    {
        int dim = TGroup.Dimension;
        if (length == 0 || length % dim != 0)
        {
            throw new ArgumentException($"A {typeof(TGroup).Name} coordinate vector must have a positive length that is a multiple of {dim}, got {length}.", name);
        }

        return length / dim;
    }
}
