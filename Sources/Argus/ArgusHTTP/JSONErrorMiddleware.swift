import Hummingbird
import Logging

/// Turns every error into a JSON response: `APIError`s as they are, Hummingbird's own errors
/// (unknown route, bad method, oversized body) with their status and a `detail`, and anything
/// else into a logged 500 that reveals nothing internal.
public struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response
        } catch let error as HTTPError {
            let detail = error.body ?? (error.status == .notFound ? "No route for \(request.method) \(request.uri.path)" : error.status.reasonPhrase)
            return APIError(error.status, detail).response
        } catch let error as any HTTPResponseError {
            return APIError(error.status, error.status.reasonPhrase).response
        } catch {
            context.logger.error("unhandled error for \(request.method) \(request.uri.path): \(error)")
            return APIError(.internalServerError, "Internal error").response
        }
    }
}
