using LieInter.Equilibrium;

namespace LieInter.Torch;

/// <summary>A learned replacement for a node's assignment, trained from outside: what
/// <see cref="InvariantInterventionTrainer"/> needs of a network (<see cref="MlpAssignment"/>, or
/// <see cref="ElementwiseMlpAssignment"/> shared over a vector node's elements).</summary>
public interface ILearnedAssignment : IAssignmentOverride, ITorchTrainable, IDisposable
{
    /// <summary>Length of the overridden node (or of the slice it computes).</summary>
    int OutputLength { get; }

    /// <summary>Adds wValue^T d value / d psi (psi: the network's parameters) into the tensors' <c>grad</c>.</summary>
    void AccumulateParameterGradient(ReadOnlySpan<double> parents, ReadOnlySpan<double> wValue);

    /// <summary>Sets every parameter's <c>grad</c> to zero.</summary>
    void ZeroGradient();

    /// <summary>The accumulated gradient as a flat vector of <see cref="ITorchTrainable.ParameterCount"/> entries.</summary>
    void ReadGradient(Span<double> gradient);

    /// <summary>The parameters as a flat vector.</summary>
    void ReadParameters(Span<double> parameters);

    /// <summary>Overwrites the parameters from a flat vector laid out as in <see cref="ReadParameters"/>.</summary>
    void WriteParameters(ReadOnlySpan<double> parameters);

    /// <summary>Sets the input normalisation from parent vectors of the range the network will see (each input
    /// shifted by its mean and divided by its spread). Changes the function: meant for before training.</summary>
    void NormalizeInputs(IReadOnlyList<double[]> parentSamples);
}
