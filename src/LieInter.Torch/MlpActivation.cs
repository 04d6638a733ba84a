namespace LieInter.Torch;

/// <summary>Hidden-layer nonlinearity. Both are smooth, so the equilibrium stays differentiable.</summary>
public enum MlpActivation
{
    /// <summary>tanh(a).</summary>
    Tanh,

    /// <summary>log(1 + e^a).</summary>
    Softplus,
}
