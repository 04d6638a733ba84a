namespace LieInter.Optimization;

/// <summary>Status of one <see cref="MoreThuenteSearch"/> iteration.</summary>
internal enum LineSearchStatus
{
    /// <summary>Evaluate phi and phi' at the returned step and call again.</summary>
    Evaluate,

    /// <summary>The step satisfies the strong Wolfe conditions.</summary>
    Converged,

    /// <summary>Stopped without the strong Wolfe conditions: rounding errors, interval below xtol, or the step
    /// is pinned at stpmin/stpmax. The caller decides whether the current point is usable.</summary>
    Warning,
}

/// <summary>
/// The line search of More and Thuente (ACM TOMS 20, 1994), a port of MINPACK-2 <c>dcsrch</c>/<c>dcstep</c> in
/// reverse-communication form. It finds a step satisfying the strong Wolfe conditions
/// phi(stp) &lt;= phi(0) + ftol stp phi'(0) and |phi'(stp)| &lt;= gtol |phi'(0)|, safeguarding cubic and quadratic
/// interpolation inside a bracket that it shrinks by at least a factor 0.66 every two steps.
/// </summary>
internal struct MoreThuenteSearch
{
    private const double ExtrapolateLower = 1.1;
    private const double ExtrapolateUpper = 4.0;

    private double _ftol, _gtol, _xtol, _stpmin, _stpmax;
    private bool _bracketed;
    private int _stage;
    private double _finit, _ginit, _gtest, _width, _width1;
    private double _stx, _fx, _gx, _sty, _fy, _gy, _stmin, _stmax;

    /// <summary>Starts a search at step <paramref name="stp"/> from phi(0) = <paramref name="f0"/>,
    /// phi'(0) = <paramref name="g0"/> &lt; 0.</summary>
    public void Start(double stp, double f0, double g0, double ftol, double gtol, double xtol, double stpmin, double stpmax)
    {
        if (!(g0 < 0))
        {
            throw new ArgumentException($"The line search direction must be a descent direction (phi'(0) = {g0}).");
        }

        if (!(stp >= stpmin && stp <= stpmax) || !(stpmin >= 0) || !(stpmax >= stpmin))
        {
            throw new ArgumentException($"Invalid line search step {stp} for [stpmin, stpmax] = [{stpmin}, {stpmax}].");
        }

        _ftol = ftol;
        _gtol = gtol;
        _xtol = xtol;
        _stpmin = stpmin;
        _stpmax = stpmax;
        _bracketed = false;
        _stage = 1;
        _finit = f0;
        _ginit = g0;
        _gtest = ftol * g0;
        _width = stpmax - stpmin;
        _width1 = _width / 0.5;
        _stx = 0;
        _fx = f0;
        _gx = g0;
        _sty = 0;
        _fy = f0;
        _gy = g0;
        _stmin = 0;
        _stmax = stp + ExtrapolateUpper * stp;
    }

    /// <summary>Best step found so far (the end of the bracket with the lowest auxiliary value).</summary>
    public readonly double BestStep => _stx;

    /// <summary>Takes phi and phi' at <paramref name="stp"/>; either accepts it or overwrites it with the next trial step.</summary>
    public LineSearchStatus Iterate(ref double stp, double f, double g)
    {
        double ftest = _finit + stp * _gtest;
        if (_stage == 1 && f <= ftest && g >= 0)
        {
            _stage = 2;
        }

        if (f <= ftest && Math.Abs(g) <= _gtol * -_ginit)
        {
            return LineSearchStatus.Converged;
        }

        if (_bracketed && (stp <= _stmin || stp >= _stmax))
        {
            return LineSearchStatus.Warning;
        }

        if (_bracketed && _stmax - _stmin <= _xtol * _stmax)
        {
            return LineSearchStatus.Warning;
        }

        if (stp == _stpmax && f <= ftest && g <= _gtest)
        {
            return LineSearchStatus.Warning;
        }

        if (stp == _stpmin && (f > ftest || g >= _gtest))
        {
            return LineSearchStatus.Warning;
        }

        // In the first stage use the auxiliary function psi(stp) = phi(stp) - phi(0) - ftol stp phi'(0) while it
        // has not decreased below zero in a way that would stall the bracket (More-Thuente, section 2).
        if (_stage == 1 && f <= _fx && f > ftest)
        {
            double fm = f - stp * _gtest;
            double fxm = _fx - _stx * _gtest;
            double fym = _fy - _sty * _gtest;
            double gm = g - _gtest;
            double gxm = _gx - _gtest;
            double gym = _gy - _gtest;
            Step(ref _stx, ref fxm, ref gxm, ref _sty, ref fym, ref gym, ref stp, fm, gm, ref _bracketed, _stmin, _stmax);
            _fx = fxm + _stx * _gtest;
            _fy = fym + _sty * _gtest;
            _gx = gxm + _gtest;
            _gy = gym + _gtest;
        }
        else
        {
            Step(ref _stx, ref _fx, ref _gx, ref _sty, ref _fy, ref _gy, ref stp, f, g, ref _bracketed, _stmin, _stmax);
        }

        if (_bracketed)
        {
            // Force a sufficient shrink of the bracket by bisecting when interpolation is slow.
            if (Math.Abs(_sty - _stx) >= 0.66 * _width1)
            {
                stp = _stx + 0.5 * (_sty - _stx);
            }

            _width1 = _width;
            _width = Math.Abs(_sty - _stx);
            _stmin = Math.Min(_stx, _sty);
            _stmax = Math.Max(_stx, _sty);
        }
        else
        {
            _stmin = stp + ExtrapolateLower * (stp - _stx);
            _stmax = stp + ExtrapolateUpper * (stp - _stx);
        }

        stp = Math.Clamp(stp, _stpmin, _stpmax);

        // When no further progress is possible, return to the best point so far for the final evaluation.
        if ((_bracketed && (stp <= _stmin || stp >= _stmax)) || (_bracketed && _stmax - _stmin <= _xtol * _stmax))
        {
            stp = _stx;
        }

        return LineSearchStatus.Evaluate;
    }

    /// <summary>MINPACK-2 <c>dcstep</c>: a safeguarded step for the bracket [stx, sty] and the new trial stp.</summary>
    private static void Step(
        ref double stx, ref double fx, ref double dx,
        ref double sty, ref double fy, ref double dy,
        ref double stp, double fp, double dp,
        ref bool bracketed, double stpmin, double stpmax)
    {
        double sgnd = dp * Math.Sign(dx);
        double stpf;

        if (fp > fx)
        {
            // Case 1: higher value; the minimum is bracketed. Take the cubic step if closer to stx, otherwise the
            // average of the cubic and quadratic steps.
            double theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp;
            double s = MaxAbs(theta, dx, dp);
            double gamma = s * Math.Sqrt(Math.Max(0.0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
            if (stp < stx)
            {
                gamma = -gamma;
            }

            double p = (gamma - dx) + theta;
            double q = ((gamma - dx) + gamma) + dp;
            double r = p / q;
            double stpc = stx + r * (stp - stx);
            double stpq = stx + (dx / ((fx - fp) / (stp - stx) + dx)) / 2.0 * (stp - stx);
            stpf = Math.Abs(stpc - stx) < Math.Abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2.0;
            bracketed = true;
        }
        else if (sgnd < 0)
        {
            // Case 2: lower value and derivatives of opposite sign; the minimum is bracketed.
            double theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp;
            double s = MaxAbs(theta, dx, dp);
            double gamma = s * Math.Sqrt(Math.Max(0.0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
            if (stp > stx)
            {
                gamma = -gamma;
            }

            double p = (gamma - dp) + theta;
            double q = ((gamma - dp) + gamma) + dx;
            double r = p / q;
            double stpc = stp + r * (stx - stp);
            double stpq = stp + dp / (dp - dx) * (stx - stp);
            stpf = Math.Abs(stpc - stp) > Math.Abs(stpq - stp) ? stpc : stpq;
            bracketed = true;
        }
        else if (Math.Abs(dp) < Math.Abs(dx))
        {
            // Case 3: lower value, same-sign derivative that decreases in magnitude.
            double theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp;
            double s = MaxAbs(theta, dx, dp);
            double gamma = s * Math.Sqrt(Math.Max(0.0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
            if (stp > stx)
            {
                gamma = -gamma;
            }

            double p = (gamma - dp) + theta;
            double q = (gamma + (dx - dp)) + gamma;
            double r = p / q;
            double stpc;
            if (r < 0 && gamma != 0)
            {
                stpc = stp + r * (stx - stp);
            }
            else
            {
                stpc = stp > stx ? stpmax : stpmin;
            }

            double stpq = stp + dp / (dp - dx) * (stx - stp);
            if (bracketed)
            {
                stpf = Math.Abs(stpc - stp) < Math.Abs(stpq - stp) ? stpc : stpq;
                stpf = stp > stx ? Math.Min(stp + 0.66 * (sty - stp), stpf) : Math.Max(stp + 0.66 * (sty - stp), stpf);
            }
            else
            {
                stpf = Math.Abs(stpc - stp) > Math.Abs(stpq - stp) ? stpc : stpq;
                stpf = Math.Clamp(stpf, stpmin, stpmax);
            }
        }
        else
        {
            // Case 4: lower value, same-sign derivative that does not decrease; extrapolate or use the bracket.
            if (bracketed)
            {
                double theta = 3.0 * (fp - fy) / (sty - stp) + dy + dp;
                double s = MaxAbs(theta, dy, dp);
                double gamma = s * Math.Sqrt(Math.Max(0.0, (theta / s) * (theta / s) - (dy / s) * (dp / s)));
                if (stp > sty)
                {
                    gamma = -gamma;
                }

                double p = (gamma - dp) + theta;
                double q = ((gamma - dp) + gamma) + dy;
                double r = p / q;
                stpf = stp + r * (sty - stp);
            }
            else
            {
                stpf = stp > stx ? stpmax : stpmin;
            }
        }

        if (fp > fx)
        {
            sty = stp;
            fy = fp;
            dy = dp;
        }
        else
        {
            if (sgnd < 0)
            {
                sty = stx;
                fy = fx;
                dy = dx;
            }

            stx = stp;
            fx = fp;
            dx = dp;
        }

        stp = stpf;
    }

    private static double MaxAbs(double a, double b, double c) => Math.Max(Math.Abs(a), Math.Max(Math.Abs(b), Math.Abs(c)));
}
