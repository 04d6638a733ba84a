using LieInter.Tests.Shared;

namespace LieInter.Cli.Tests;

public class PublicTypeDocumentationTests
{
    [Fact]
    public void EveryPublicTypeOfTheToolIsDocumented() =>
        PublicTypeDocumentation.AssertEveryPublicTypeIsDocumented(typeof(LieInterTool).Assembly);
}
