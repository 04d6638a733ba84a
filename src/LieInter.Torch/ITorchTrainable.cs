using TorchSharp.Modules;

namespace LieInter.Torch;

/// <summary>Something whose parameters live in torch tensors and are trained from outside (by
/// <see cref="AdamTrainer"/> or any torch optimiser), with gradients accumulated into the tensors' <c>grad</c>.</summary>
public interface ITorchTrainable
{
    /// <summary>The trainable tensors, in the order of the flat parameter vector.</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Total number of scalars in <see cref="Parameters"/>.</summary>
    int ParameterCount { get; }

    /// <summary>Must be called after the tensors were changed in place (an optimiser step, a load): implementations
    /// may keep a managed copy for their hot path.</summary>
    void ParametersChanged();
}
