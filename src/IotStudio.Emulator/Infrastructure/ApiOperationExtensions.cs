namespace IotStudio.Emulator.Infrastructure;

public static class ApiOperationExtensions
{
    /// <summary>Declares the API operation this route serves.</summary>
    public static TBuilder Operation<TBuilder>(this TBuilder route, string operationId) where TBuilder : IEndpointConventionBuilder =>
        route.WithMetadata(new ApiOperation(operationId));

    /// <summary>The plain operation name on the plain Things path, the category-scoped one under a Category.</summary>
    public static string Scoped(string root, string plain, string scoped) => root == Endpoints.ThingEndpoints.Plain ? plain : scoped;
}
