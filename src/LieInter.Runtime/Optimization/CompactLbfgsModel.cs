using LieInter.Solvers;

namespace LieInter.Optimization;

/// <summary>
/// The limited-memory BFGS model of L-BFGS-B (Byrd, Lu, Nocedal and Zhu, SIAM J. Sci. Comput. 16, 1995) in compact
/// form B = theta I - W M W^T with W = [Y, theta S] and M = [[-D, L^T], [L, theta S^T S]]^-1, and the two steps that
/// turn it into a search direction under bounds: the generalised Cauchy point along the projected steepest-descent
/// path, then minimisation of the model over the variables still free there (direct primal method; the result is
/// projected into the box and truncated instead when projection loses descent, as in L-BFGS-B 3.0).
/// </summary>
/// <remarks>All buffers are allocated once; computing a direction allocates nothing. Pairs are stored oldest first.</remarks>
internal sealed class CompactLbfgsModel
{
    private readonly int _n;
    private readonly int _capacity;
    private readonly double[][] _s;
    private readonly double[][] _y;
    private readonly double[,] _middle;     // M, explicit (2k x 2k)
    private readonly double[,] _work;       // K or N during factorisation
    private readonly double[,] _gram;       // W^T Z Z^T W
    private readonly double[] _p, _c, _wb, _mc, _mp, _mwb, _v, _z;
    private readonly double[] _d;
    private readonly double[] _breakpoints;
    private readonly int[] _breakIndex;
    private readonly bool[] _fixed;
    private readonly double[] _reduced;
    private readonly double[] _xc;

    public CompactLbfgsModel(int dimension, int memory)
    {
        if (dimension <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Dimension must be positive.");
        }

        if (memory <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(memory), memory, "L-BFGS memory must be positive.");
        }

        _n = dimension;
        _capacity = memory;
        _s = new double[memory][];
        _y = new double[memory][];
        for (int j = 0; j < memory; j++)
        {
            _s[j] = new double[dimension];
            _y[j] = new double[dimension];
        }

        int m2 = 2 * memory;
        _middle = new double[m2, m2];
        _work = new double[m2, m2];
        _gram = new double[m2, m2];
        _p = new double[m2];
        _c = new double[m2];
        _wb = new double[m2];
        _mc = new double[m2];
        _mp = new double[m2];
        _mwb = new double[m2];
        _v = new double[m2];
        _z = new double[m2];
        _d = new double[dimension];
        _breakpoints = new double[dimension];
        _breakIndex = new int[dimension];
        _fixed = new bool[dimension];
        _reduced = new double[dimension];
        _xc = new double[dimension];
    }

    /// <summary>Number of stored correction pairs.</summary>
    public int Count { get; private set; }

    /// <summary>Scaling of the initial matrix B0 = theta I: y^T y / s^T y of the newest pair (1 when empty).</summary>
    public double Theta { get; private set; } = 1.0;

    public void Reset()
    {
        Count = 0;
        Theta = 1.0;
    }

    /// <summary>Stores the pair (s, y) when the curvature s^T y is safely positive (otherwise B would lose
    /// positive definiteness) and returns whether it did.</summary>
    public bool TryAdd(ReadOnlySpan<double> s, ReadOnlySpan<double> y)
    {
        double sy = Vec.Dot(s, y);
        double yy = Vec.Dot(y, y);
        if (!(sy > 2.220446049250313e-16 * yy) || !double.IsFinite(sy) || !double.IsFinite(yy))
        {
            return false;
        }

        if (Count == _capacity)
        {
            // Drop the oldest pair by rotating the buffers.
            double[] s0 = _s[0];
            double[] y0 = _y[0];
            for (int j = 1; j < _capacity; j++)
            {
                _s[j - 1] = _s[j];
                _y[j - 1] = _y[j];
            }

            _s[_capacity - 1] = s0;
            _y[_capacity - 1] = y0;
            Count--;
        }

        s.CopyTo(_s[Count]);
        y.CopyTo(_y[Count]);
        Count++;
        Theta = yy / sy;
        if (!BuildMiddleMatrix())
        {
            Reset();
            return false;
        }

        return true;
    }

    /// <summary>Writes into <paramref name="xbar"/> the point the model proposes from x: the subspace minimiser
    /// after the generalised Cauchy point. x must lie in the box.</summary>
    public void ProposePoint(ReadOnlySpan<double> x, ReadOnlySpan<double> g, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, Span<double> xbar)
    {
        CauchyPoint(x, g, lower, upper, _xc, _c);
        SubspaceMinimize(x, g, lower, upper, _xc, _c, xbar);
    }

    /// <summary>The generalised Cauchy point xc: the first local minimiser of the quadratic model along the
    /// piecewise-linear path P(x - t g), and c = W^T (xc - x). Marks the variables it fixes at a bound.</summary>
    internal void CauchyPoint(ReadOnlySpan<double> x, ReadOnlySpan<double> g, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, Span<double> xc, Span<double> c)
    {
        int k2 = 2 * Count;
        int breakCount = 0;
        int moving = 0;
        double f1 = 0;
        for (int i = 0; i < _n; i++)
        {
            xc[i] = x[i];
            double t;
            if (lower[i] == upper[i])
            {
                t = 0;
            }
            else if (g[i] < 0)
            {
                t = double.IsPositiveInfinity(upper[i]) ? double.PositiveInfinity : (x[i] - upper[i]) / g[i];
            }
            else if (g[i] > 0)
            {
                t = double.IsNegativeInfinity(lower[i]) ? double.PositiveInfinity : (x[i] - lower[i]) / g[i];
            }
            else
            {
                t = double.PositiveInfinity;
            }

            if (t <= 0)
            {
                _d[i] = 0;
                _fixed[i] = true;
            }
            else
            {
                _d[i] = -g[i];
                _fixed[i] = false;
                if (g[i] != 0)
                {
                    moving++;
                    f1 -= g[i] * g[i];
                }

                if (double.IsFinite(t))
                {
                    _breakpoints[breakCount] = t;
                    _breakIndex[breakCount] = i;
                    breakCount++;
                }
            }
        }

        Span<double> p = _p.AsSpan(0, k2);
        c = c[..k2];
        WTransposeTimes(_d, p);
        c.Clear();
        if (moving == 0)
        {
            return;
        }

        MTimes(p, _mp);
        double f2 = -Theta * f1 - Vec.Dot(p, _mp.AsSpan(0, k2));
        double f2Original = f2;
        double dtMin = -f1 / f2;
        double tOld = 0;
        Array.Sort(_breakpoints, _breakIndex, 0, breakCount);

        for (int it = 0; it < breakCount; it++)
        {
            double t = _breakpoints[it];
            int b = _breakIndex[it];
            double dt = t - tOld;
            if (dtMin < dt)
            {
                break;
            }

            // Move to breakpoint t, where variable b reaches its bound and stops moving.
            double xcb = _d[b] > 0 ? upper[b] : lower[b];
            double zb = xcb - x[b];
            xc[b] = xcb;
            _fixed[b] = true;
            for (int j = 0; j < k2; j++)
            {
                c[j] += dt * p[j];
            }

            double gb = g[b];
            double wMc = 0, wMp = 0, wMw = 0;
            if (k2 > 0)
            {
                WRow(b, _wb);
                MTimes(c, _mc);
                MTimes(p, _mp);
                MTimes(_wb.AsSpan(0, k2), _mwb);
                for (int j = 0; j < k2; j++)
                {
                    wMc += _wb[j] * _mc[j];
                    wMp += _wb[j] * _mp[j];
                    wMw += _wb[j] * _mwb[j];
                }
            }

            // Byrd et al. (4.9)-(4.10): slope and curvature of the model on the next segment.
            f1 += dt * f2 + gb * gb + Theta * gb * zb - gb * wMc;
            f2 -= Theta * gb * gb + 2.0 * gb * wMp + gb * gb * wMw;
            for (int j = 0; j < k2; j++)
            {
                p[j] += gb * _wb[j];
            }

            _d[b] = 0;
            tOld = t;
            if (--moving == 0)
            {
                dtMin = 0;
                break;
            }

            f2 = Math.Max(2.220446049250313e-16 * f2Original, f2);
            dtMin = -f1 / f2;
        }

        dtMin = Math.Max(0.0, dtMin);
        tOld += dtMin;
        for (int i = 0; i < _n; i++)
        {
            if (_d[i] != 0)
            {
                xc[i] = Math.Clamp(x[i] + tOld * _d[i], lower[i], upper[i]);
            }
        }

        for (int j = 0; j < k2; j++)
        {
            c[j] += dtMin * p[j];
        }
    }

    /// <summary>Minimises the model over the free variables starting from xc (Byrd et al., section 5.1), then
    /// projects into the box (or truncates when the projected point is not a descent direction from x).</summary>
    internal void SubspaceMinimize(ReadOnlySpan<double> x, ReadOnlySpan<double> g, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, ReadOnlySpan<double> xc, ReadOnlySpan<double> c, Span<double> xbar)
    {
        xc.CopyTo(xbar);
        int k = Count;
        int k2 = 2 * k;
        if (k == 0)
        {
            return;
        }

        int freeCount = 0;
        for (int i = 0; i < _n; i++)
        {
            if (!_fixed[i])
            {
                freeCount++;
            }
        }

        if (freeCount == 0)
        {
            return;
        }

        // Reduced gradient of the model at xc: r = Z^T (g + theta (xc - x) - W M c).
        MTimes(c[..k2], _mc);
        for (int i = 0; i < _n; i++)
        {
            _reduced[i] = _fixed[i] ? 0.0 : g[i] + Theta * (xc[i] - x[i]) - WRowDot(i, _mc);
        }

        // v = M W^T Z r (the fixed entries of r are zero, so W^T r sums over free rows only).
        WTransposeTimes(_reduced, _v.AsSpan(0, k2));
        MTimes(_v.AsSpan(0, k2), _z);

        // N = I - (1/theta) M W^T Z Z^T W.
        BuildFreeGram(_gram, k);
        for (int a = 0; a < k2; a++)
        {
            for (int b = 0; b < k2; b++)
            {
                double s = 0;
                for (int j = 0; j < k2; j++)
                {
                    s += _middle[a, j] * _gram[j, b];
                }

                _work[a, b] = (a == b ? 1.0 : 0.0) - s / Theta;
            }
        }

        if (Factor(k2) is not DenseLu lu)
        {
            return;
        }

        lu.Solve(_z.AsSpan(0, k2));

        double descent = 0;
        for (int i = 0; i < _n; i++)
        {
            if (_fixed[i])
            {
                continue;
            }

            double du = -_reduced[i] / Theta - WRowDot(i, _z) / (Theta * Theta);
            _d[i] = du;
            xbar[i] = Math.Clamp(xc[i] + du, lower[i], upper[i]);
            descent += (xbar[i] - x[i]) * g[i];
        }

        for (int i = 0; i < _n; i++)
        {
            if (_fixed[i])
            {
                descent += (xbar[i] - x[i]) * g[i];
            }
        }

        if (descent < 0)
        {
            return;
        }

        // Projection lost descent: truncate the subspace step at the first bound instead.
        double alpha = 1.0;
        for (int i = 0; i < _n; i++)
        {
            if (_fixed[i])
            {
                continue;
            }

            double du = _d[i];
            if (du < 0 && double.IsFinite(lower[i]))
            {
                alpha = Math.Min(alpha, Math.Max(0.0, (lower[i] - xc[i]) / du));
            }
            else if (du > 0 && double.IsFinite(upper[i]))
            {
                alpha = Math.Min(alpha, Math.Max(0.0, (upper[i] - xc[i]) / du));
            }
        }

        for (int i = 0; i < _n; i++)
        {
            xbar[i] = _fixed[i] ? xc[i] : Math.Clamp(xc[i] + alpha * _d[i], lower[i], upper[i]);
        }
    }

    /// <summary>Dense B = theta I - W M W^T, for tests.</summary>
    internal double[,] DenseHessian()
    {
        var b = new double[_n, _n];
        int k2 = 2 * Count;
        var wi = new double[k2];
        var mw = new double[k2];
        var wj = new double[k2];
        for (int i = 0; i < _n; i++)
        {
            WRow(i, wi);
            MTimes(wi, mw);
            for (int j = 0; j < _n; j++)
            {
                WRow(j, wj);
                double s = 0;
                for (int a = 0; a < k2; a++)
                {
                    s += mw[a] * wj[a];
                }

                b[i, j] = (i == j ? Theta : 0.0) - s;
            }
        }

        return b;
    }

    /// <summary>K = [[-D, L^T], [L, theta S^T S]] and M = K^-1, with D_ii = s_i^T y_i and L_ij = s_i^T y_j (i &gt; j).</summary>
    private bool BuildMiddleMatrix()
    {
        int k = Count;
        int k2 = 2 * k;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double sy = Vec.Dot(_s[i], _y[j]);
                _work[i, j] = i == j ? -sy : 0.0;                  // -D
                _work[k + i, j] = i > j ? sy : 0.0;               // L
                _work[j, k + i] = i > j ? sy : 0.0;               // L^T
                _work[k + i, k + j] = Theta * Vec.Dot(_s[i], _s[j]);  // theta S^T S
            }
        }

        if (Factor(k2) is not DenseLu middle)
        {
            return false;
        }

        Span<double> column = stackalloc double[k2];
        for (int j = 0; j < k2; j++)
        {
            column.Clear();
            column[j] = 1.0;
            middle.Solve(column);
            for (int i = 0; i < k2; i++)
            {
                _middle[i, j] = column[i];
            }
        }

        return true;
    }

    /// <summary>G = W^T Z Z^T W over the free rows, written into <paramref name="gram"/>.</summary>
    private void BuildFreeGram(double[,] gram, int k)
    {
        int k2 = 2 * k;
        for (int a = 0; a < k2; a++)
        {
            double[] va = a < k ? _y[a] : _s[a - k];
            double sa = a < k ? 1.0 : Theta;
            for (int b = a; b < k2; b++)
            {
                double[] vb = b < k ? _y[b] : _s[b - k];
                double sb = b < k ? 1.0 : Theta;
                double s = 0;
                for (int i = 0; i < _n; i++)
                {
                    if (!_fixed[i])
                    {
                        s += va[i] * vb[i];
                    }
                }

                gram[a, b] = gram[b, a] = sa * sb * s;
            }
        }
    }

    /// <summary>out = W^T v = (Y v, theta S v).</summary>
    private void WTransposeTimes(ReadOnlySpan<double> v, Span<double> result)
    {
        int k = Count;
        for (int j = 0; j < k; j++)
        {
            result[j] = Vec.Dot(_y[j], v);
            result[k + j] = Theta * Vec.Dot(_s[j], v);
        }
    }

    /// <summary>Row i of W.</summary>
    private void WRow(int i, Span<double> row)
    {
        int k = Count;
        for (int j = 0; j < k; j++)
        {
            row[j] = _y[j][i];
            row[k + j] = Theta * _s[j][i];
        }
    }

    private double WRowDot(int i, ReadOnlySpan<double> v)
    {
        int k = Count;
        double s = 0;
        for (int j = 0; j < k; j++)
        {
            s += _y[j][i] * v[j] + Theta * _s[j][i] * v[k + j];
        }

        return s;
    }

    private void MTimes(ReadOnlySpan<double> v, Span<double> result)
    {
        int k2 = 2 * Count;
        for (int a = 0; a < k2; a++)
        {
            double s = 0;
            for (int b = 0; b < k2; b++)
            {
                s += _middle[a, b] * v[b];
            }

            result[a] = s;
        }
    }

    // The leading k2 x k2 block of the work matrix through the runtime's one dense LU; null when it is numerically
    // singular (or not finite), where the model falls back as it did before the factorisation.
    private DenseLu? Factor(int k2)
    {
        var block = new double[k2 * k2];
        for (int i = 0; i < k2; i++)
        {
            for (int j = 0; j < k2; j++)
            {
                block[i * k2 + j] = _work[i, j];
            }
        }

        var lu = DenseLu.FactoriseInPlace(block, k2);
        return lu.IsSingular ? null : lu;
    }
}
