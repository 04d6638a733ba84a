using LieInter.Tests.Shared;

namespace LieInter.Torch.Tests;

public class PublicTypeDocumentationTests
{
    [Fact]
    public void EveryPublicTypeOfTheTorchLibraryIsDocumented() =>
        PublicTypeDocumentation.AssertEveryPublicTypeIsDocumented(typeof(MlpAssignment).Assembly);
}
