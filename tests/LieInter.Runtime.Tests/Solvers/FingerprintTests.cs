using LieInter.Equilibrium;
using LieInter.Modeling;
using LieInter.Solvers;
using LieInter.Tests.Generated;

namespace LieInter.Tests.Solvers;

/// <summary>The parameter fingerprint decides whether a solvability check or a factorisation is stale: a change of any
/// single entry must change it, for every array length (the SIMD lanes and the scalar tail alike).</summary>
public class FingerprintTests
{
    [Fact]
    public void EverySingleEntryChangeOfEveryParameterChangesTheFingerprint()
    {
        for (int n = 1; n <= 10; n++)
        {
            IEquilibriumModel model = new DenseLeontief
            {
                A = CorpusInstances.RandomMatrix(new Random(n), n, 0.5 / n),
                FinalDemand = CorpusInstances.RandomVector(new Random(n + 100), n, 1, 2),
                X = new double[n],
            };
            var system = new EquilibriumSystem(model);
            var theta = new double[system.Layout.ParameterLength];
            model.ReadParameters(theta);
            ulong before = SolvabilityChecks.Fingerprint(system);
            for (int k = 0; k < theta.Length; k++)
            {
                var changed = (double[])theta.Clone();
                changed[k] = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(changed[k]) + 1); // one ulp
                model.WriteParameters(changed);
                Assert.True(SolvabilityChecks.Fingerprint(system) != before, $"n = {n}: a change of theta[{k}] of {theta.Length} went unseen");
            }

            model.WriteParameters(theta);
            Assert.Equal(before, SolvabilityChecks.Fingerprint(system));
        }
    }
}
