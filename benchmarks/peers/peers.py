#!/usr/bin/env python3
"""Python peers of the LieInter peer benchmark (benchmarks/LieInter.Benchmarks, mode `peers`).

Reads one case written by the C# harness (a folder with case.json, y.npy, c.npy and A.npy, or the CSR arrays
A_indptr.npy, A_indices.npy, A_data.npy), solves the task that every contender solves:

    x* = A x* + y from x0 = 0 to ||A x + y - x|| <= 1e-8 ||x||,
    lambda = A^T lambda + c to the same relative tolerance,
    g_i = lambda_i (A x* + y)_i  (gradient of c^T x* w.r.t. a multiplicative intervention on every sector at 1),

with numpy/scipy only, and prints one JSON object on stdout. Modes:

    peers.py ref   CASE_DIR            direct reference (scipy LU), written to CASE_DIR/ref_*.npy, plus |lambda2|/rho
    peers.py solve CASE_DIR [--target S] [--kernels]
                                       times each contender (time.perf_counter, median over repeats; the first run is
                                       a discarded warm-up unless it took more than 1 s, then it is the only run)

Contenders: scipy LU + adjoint (lu_factor once, lu_solve for x and trans=1 for lambda; the sparse case is
factorised densely, since SuperLU fills it in almost completely), a lean numpy Anderson (type II, m = 5, relative
Tikhonov 1e-10 ||dG^T dG||), scipy.sparse.linalg.gmres on (I - A) x = y and (I - A^T) lambda = c, and the paper's
reference Anderson (Bai et al.'s DEQ code: m = 5, lambda = 1e-4 absolute, beta = 2). A contender that does not meet
the tolerance is reported with converged = false and its error; nothing is hidden.

Thread counts: the harness starts this script with OPENBLAS_NUM_THREADS = OMP_NUM_THREADS = MKL_NUM_THREADS = 1;
when run by hand they are set here before numpy loads (unless already set).
"""

import json
import os
import sys
import time

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")


def _import_numpy_scipy():
    """numpy and scipy, or: re-exec under the system python that has them, or apt-get install them, or one error line."""
    try:
        import numpy  # noqa: F401
        import scipy  # noqa: F401
        import scipy.linalg  # noqa: F401
        import scipy.sparse  # noqa: F401
        import scipy.sparse.linalg  # noqa: F401
        return
    except ImportError as e:
        missing = str(e)
    system_python = "/usr/bin/python3"
    has = lambda py: os.path.exists(py) and os.system(f'{py} -c "import numpy, scipy.sparse.linalg" >/dev/null 2>&1') == 0
    if os.path.realpath(sys.executable) != os.path.realpath(system_python) and has(system_python):
        os.execv(system_python, [system_python] + sys.argv)
    if os.environ.get("LIEINTER_PEERS_NO_INSTALL") != "1" and os.path.exists("/usr/bin/apt-get"):
        sudo = "" if os.geteuid() == 0 else "sudo -n "
        sys.stderr.write("peers.py: numpy/scipy missing; installing python3-numpy python3-scipy with apt-get\n")
        rc = os.system(f"{sudo}apt-get install -y -q python3-numpy python3-scipy >&2")
        if rc == 0 and has(system_python):
            os.environ["LIEINTER_PEERS_NO_INSTALL"] = "1"
            os.execv(system_python, [system_python] + sys.argv)
    print(json.dumps({"error": f"numpy/scipy not available ({missing}); install python3-numpy and python3-scipy (apt-get) or set LIEINTER_PYTHON to a python that has them"}))
    sys.exit(2)


_import_numpy_scipy()

import inspect  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.linalg as sla  # noqa: E402
import scipy.sparse as sp  # noqa: E402
import scipy.sparse.linalg as spla  # noqa: E402

TOL = 1e-8
MAX_ITER = 2000


def load_case(folder):
    with open(os.path.join(folder, "case.json")) as f:
        info = json.load(f)
    y = np.load(os.path.join(folder, "y.npy"))
    c = np.load(os.path.join(folder, "c.npy"))
    n = y.size
    if info["sparse"]:
        a = sp.csr_matrix((np.load(os.path.join(folder, "A_data.npy")),
                           np.load(os.path.join(folder, "A_indices.npy")),
                           np.load(os.path.join(folder, "A_indptr.npy"))), shape=(n, n))
    else:
        a = np.load(os.path.join(folder, "A.npy"))
    return info, a, y, c


def relative_residual(a, x, y, transposed=False):
    ax = a.T @ x if transposed else a @ x
    return float(np.linalg.norm(ax + y - x) / np.linalg.norm(x))


# ---------------------------------------------------------------------------------------------------- contenders


def lu_dense_matrix(a):
    n = a.shape[0]
    if sp.issparse(a):
        m = -a.toarray()
    else:
        m = -a
    m[np.diag_indices(n)] += 1.0
    return m


def scipy_lu(a, y, c):
    lu = sla.lu_factor(lu_dense_matrix(a), overwrite_a=True, check_finite=False)
    x = sla.lu_solve(lu, y, check_finite=False)
    lam = sla.lu_solve(lu, c, trans=1, check_finite=False)
    return x, lam, {"iterations_x": 0, "iterations_lambda": 0}


def anderson(f, x0, m=5, reg=1e-10, tol=TOL, max_iter=MAX_ITER):
    """Type-II Anderson (Walker and Ni), mixing 1, memory m, Tikhonov reg * ||dG^T dG||: the lean researcher's
    version. Returns (x, iterations, converged) where x is the last iterate whose residual was tested."""
    x = x0.copy()
    fx = f(x)
    g = fx - x
    dx = np.zeros((m, x.size))
    dg = np.zeros((m, x.size))
    k = 0
    for it in range(max_iter + 1):
        if np.linalg.norm(g) <= tol * np.linalg.norm(x):
            return x, it, True
        if it == max_iter or not np.all(np.isfinite(g)):
            break
        if k == 0:
            x_new = x + g
        else:
            h = min(k, m)
            gg = dg[:h] @ dg[:h].T
            gamma = np.linalg.solve(gg + reg * np.linalg.norm(gg) * np.eye(h), dg[:h] @ g)
            x_new = x + g - (dx[:h] + dg[:h]).T @ gamma
        g_new = f(x_new) - x_new
        dx[k % m] = x_new - x
        dg[k % m] = g_new - g
        x, g = x_new, g_new
        k += 1
    return x, max_iter, False


def anderson_paper(f, x0, m=5, lam=1e-4, beta=2.0, tol=TOL, max_iter=MAX_ITER):
    """The reference Anderson of the paper's code base (Bai et al. 2019, DEQ): constrained least squares with the
    bordered normal matrix, absolute regularisation lam, mixing beta, no safeguard. Returns (x, iterations,
    converged) for the last iterate whose residual was tested."""
    n = x0.size
    xs = np.zeros((m, n))
    fs = np.zeros((m, n))
    xs[0], fs[0] = x0, f(x0)
    xs[1], fs[1] = fs[0], f(fs[0])
    hmat = np.zeros((m + 1, m + 1))
    hmat[0, 1:] = hmat[1:, 0] = 1
    rhs = np.zeros(m + 1)
    rhs[0] = 1
    last = 1
    for k in range(2, max_iter + 2):
        last = (k - 1) % m
        if np.linalg.norm(fs[last] - xs[last]) <= tol * np.linalg.norm(xs[last]):
            return xs[last].copy(), k - 1, True
        if k == max_iter + 1 or not np.all(np.isfinite(fs[last])):
            break
        h = min(k, m)
        gd = fs[:h] - xs[:h]
        hmat[1:h + 1, 1:h + 1] = gd @ gd.T + lam * np.eye(h)
        alpha = np.linalg.solve(hmat[:h + 1, :h + 1], rhs[:h + 1])[1:h + 1]
        xs[k % m] = beta * (alpha @ fs[:h]) + (1 - beta) * (alpha @ xs[:h])
        fs[k % m] = f(xs[k % m])
    return xs[last].copy(), max_iter, False


def numpy_anderson(a, y, c):
    at = a.T
    x, ix, okx = anderson(lambda v: a @ v + y, np.zeros_like(y))
    lam, il, okl = anderson(lambda v: at @ v + c, np.zeros_like(c))
    return x, lam, {"iterations_x": ix, "iterations_lambda": il, "converged_x": okx, "converged_lambda": okl}


def paper_anderson(a, y, c):
    at = a.T
    x, ix, okx = anderson_paper(lambda v: a @ v + y, np.zeros_like(y))
    lam, il, okl = anderson_paper(lambda v: at @ v + c, np.zeros_like(c))
    return x, lam, {"iterations_x": ix, "iterations_lambda": il, "converged_x": okx, "converged_lambda": okl}


_GMRES_RTOL = "rtol" if "rtol" in inspect.signature(spla.gmres).parameters else "tol"


def scipy_gmres(a, y, c):
    n = y.size
    if sp.issparse(a):
        m = (sp.identity(n, format="csr") - a).tocsr()
        op, op_t = m, m.T
    else:
        at = a.T
        op = spla.LinearOperator((n, n), matvec=lambda v: v - a @ v, dtype=np.float64)
        op_t = spla.LinearOperator((n, n), matvec=lambda v: v - at @ v, dtype=np.float64)
    counts = [0, 0]

    def counter(i):
        def cb(_):
            counts[i] += 1
        return cb

    kw = {_GMRES_RTOL: TOL, "atol": 0.0}
    x, info_x = spla.gmres(op, y, callback=counter(0), callback_type="pr_norm", **kw)
    lam, info_l = spla.gmres(op_t, c, callback=counter(1), callback_type="pr_norm", **kw)
    return x, lam, {"iterations_x": counts[0], "iterations_lambda": counts[1], "info_x": int(info_x), "info_lambda": int(info_l)}


CONTENDERS = [
    ("scipy LU", scipy_lu),
    ("numpy Anderson", numpy_anderson),
    ("scipy GMRES", scipy_gmres),
    ("paper Anderson", paper_anderson),
]


def gradient(a, x, y, lam):
    return lam * (a @ x + y)


def inf_relative(v, ref):
    return float(np.max(np.abs(v - ref)) / np.max(np.abs(ref)))


def measure(run, target):
    """Median seconds of run() (first call a discarded warm-up unless it took over 1 s) and the last result."""
    t0 = time.perf_counter()
    result = run()
    first = time.perf_counter() - t0
    if first > 1.0:
        return first, 1, result
    times = []
    while len(times) < 3 or (sum(times) < target and len(times) < 25):
        t0 = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - t0)
    return float(np.median(times)), len(times), result


def solve_case(folder, target, kernels):
    info, a, y, c = load_case(folder)
    ref = None
    if os.path.exists(os.path.join(folder, "ref_x.npy")):
        ref = (np.load(os.path.join(folder, "ref_x.npy")), np.load(os.path.join(folder, "ref_g.npy")))
    out = {"case": info["name"], "numpy": np.__version__, "scipy": scipy.__version__, "contenders": []}
    for name, fn in CONTENDERS:
        entry = {"name": name}
        try:
            seconds, repeats, (x, lam, stats) = measure(lambda: fn(a, y, c), target)
            g = gradient(a, x, y, lam)
            rx = relative_residual(a, x, y)
            rl = relative_residual(a, lam, c, transposed=True)
            # The tolerance is the task: a result above it (beyond rounding in the residual itself) is a failure.
            converged = bool(np.isfinite(rx) and np.isfinite(rl) and rx <= TOL * 1.01 and rl <= TOL * 1.01)
            entry.update(seconds=seconds, repeats=repeats, converged=converged, residual_x=rx, residual_lambda=rl, **stats)
            if not converged:
                entry["error"] = f"relative residual x {rx:.2e}, lambda {rl:.2e} (tolerance {TOL:g})" + (
                    f"; gmres info {stats.get('info_x')}/{stats.get('info_lambda')}" if "info_x" in stats else "") + (
                    f"; {stats.get('iterations_x')}/{stats.get('iterations_lambda')} iterations" if "converged_x" in stats else "")
            if ref is not None:
                entry["error_x"] = inf_relative(x, ref[0])
                entry["error_g"] = inf_relative(g, ref[1])
        except Exception as e:  # a contender that throws is reported, not hidden
            entry.update(converged=False, error=f"{type(e).__name__}: {e}")
        out["contenders"].append(entry)
    if kernels:
        out["kernels"] = kernel_times(a)
    return out


def kernel_times(a):
    n = a.shape[0]
    rng = np.random.default_rng(3)
    x = rng.random(n)
    at = a.T
    nbytes = 12 * a.nnz + 4 * (n + 1) if sp.issparse(a) else 8 * n * n
    res = {"bytes": nbytes}
    for name, fn in (("A @ x", lambda: a @ x), ("A.T @ w", lambda: at @ x)):
        fn()
        reps = 1
        while True:
            t0 = time.perf_counter()
            for _ in range(reps):
                fn()
            if time.perf_counter() - t0 > 0.02:
                break
            reps *= 2
        samples = []
        for _ in range(7):
            t0 = time.perf_counter()
            for _ in range(reps):
                fn()
            samples.append((time.perf_counter() - t0) / reps)
        res[name] = float(np.median(samples))
    return res


def reference(folder):
    info, a, y, c = load_case(folder)
    t0 = time.perf_counter()
    lu = sla.lu_factor(lu_dense_matrix(a), overwrite_a=True, check_finite=False)
    x = sla.lu_solve(lu, y, check_finite=False)
    lam = sla.lu_solve(lu, c, trans=1, check_finite=False)
    # One step of iterative refinement with the exact operator, for each.
    x += sla.lu_solve(lu, a @ x + y - x, check_finite=False)
    lam += sla.lu_solve(lu, a.T @ lam + c - lam, trans=1, check_finite=False)
    g = gradient(a, x, y, lam)
    seconds = time.perf_counter() - t0
    del lu
    np.save(os.path.join(folder, "ref_x.npy"), x)
    np.save(os.path.join(folder, "ref_lambda.npy"), lam)
    np.save(os.path.join(folder, "ref_g.npy"), g)
    out = {"case": info["name"], "seconds": seconds,
           "residual_x": relative_residual(a, x, y), "residual_lambda": relative_residual(a, lam, c, transposed=True)}
    try:
        n = y.size
        if n <= 1000 and not sp.issparse(a):
            ev = np.sort(np.abs(np.linalg.eigvals(a)))[::-1]
        else:
            ev = np.sort(np.abs(spla.eigs(a, k=6, which="LM", return_eigenvectors=False, tol=1e-8)))[::-1]
        out["rho"] = float(ev[0])
        out["lambda2_over_rho"] = float(ev[1] / ev[0])
    except Exception as e:
        out["eigen_error"] = f"{type(e).__name__}: {e}"
    return out


def main(argv):
    if len(argv) < 2 or argv[0] not in ("ref", "solve"):
        print(json.dumps({"error": "usage: peers.py ref CASE_DIR | peers.py solve CASE_DIR [--target S] [--kernels]"}))
        return 2
    mode, folder = argv[0], argv[1]
    try:
        if mode == "ref":
            result = reference(folder)
        else:
            target = float(argv[argv.index("--target") + 1]) if "--target" in argv else 0.3
            result = solve_case(folder, target, "--kernels" in argv)
    except Exception as e:
        result = {"error": f"{type(e).__name__}: {e}"}
    print(json.dumps(result))
    return 0 if "error" not in result else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
