using LieInter.Economics;
using LieInter.Tests.Shared;

namespace LieInter.Tests.Economics;

public class PublicTypeDocumentationTests
{
    [Fact]
    public void EveryPublicTypeOfTheEconomicsLibraryIsDocumented() =>
        PublicTypeDocumentation.AssertEveryPublicTypeIsDocumented(typeof(InputOutputTable).Assembly);
}
