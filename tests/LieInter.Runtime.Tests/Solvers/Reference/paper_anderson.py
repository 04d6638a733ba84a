# The paper's Anderson (code/deepeq.py of mbesserve/lie-inter, `anderson`), transcribed from torch to numpy line by
# line, on a fixed 4 x 4 Leontief problem. Prints the values PaperAndersonTests compares against.
# Run: python3 paper_anderson.py   (numpy only)
import numpy as np

A = np.array([[0.10, 0.20, 0.05, 0.00],
              [0.30, 0.05, 0.10, 0.20],
              [0.00, 0.25, 0.15, 0.10],
              [0.20, 0.10, 0.30, 0.05]])
y = np.array([1.0, 2.0, 0.5, 1.5])
f = lambda x: A @ x + y

def anderson(f, x0, m=5, lam=1e-4, max_iter=50, tol=1e-2, beta=1.0):
    d = x0.shape[0]
    X = np.zeros((m, d)); F = np.zeros((m, d))
    X[0], F[0] = x0, f(x0)
    X[1], F[1] = F[0], f(F[0])
    H = np.zeros((m + 1, m + 1)); H[0, 1:] = H[1:, 0] = 1
    rhs = np.zeros(m + 1); rhs[0] = 1
    res = []
    for k in range(2, max_iter):
        n = min(k, m)
        G = F[:n] - X[:n]
        H[1:n + 1, 1:n + 1] = G @ G.T + lam * np.eye(n)
        alpha = np.linalg.solve(H[:n + 1, :n + 1], rhs[:n + 1])[1:n + 1]
        X[k % m] = beta * (alpha @ F[:n]) + (1 - beta) * (alpha @ X[:n])
        F[k % m] = f(X[k % m])
        res.append(np.linalg.norm(F[k % m] - X[k % m]) / (1e-5 + np.linalg.norm(F[k % m])))
        if res[-1] < tol:
            break
    return X[k % m], res

for beta in (1.0, 2.0):
    x, res = anderson(f, np.zeros(4), max_iter=9, tol=0.0, beta=beta)
    print(f"beta {beta}: x = [{', '.join(repr(float(v)) for v in x)}]")
    print(f"          res = [{', '.join(repr(float(v)) for v in res)}]")
