using LieInter.Equilibrium;
using LieInter.Tests.Shared;

namespace LieInter.Tests;

public class PublicTypeDocumentationTests
{
    [Fact]
    public void EveryPublicTypeOfTheRuntimeIsDocumented() =>
        PublicTypeDocumentation.AssertEveryPublicTypeIsDocumented(typeof(EquilibriumSystem).Assembly);
}
