import HTTPTypes
import Hummingbird

/// Sets the headers every answer carries, and turns every "not found" (an unknown route, a name
/// not in the folder) into the same 404 page — under `/api/`, the same JSON error.
///
/// - `Content-Security-Policy`: nothing but this origin's stylesheet and forms; no script,
///   no frames, no plugins; `sandbox` for everything that is not a page of the portal.
/// - `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer`,
///   `Cache-Control: no-store` (pages and files hold a dealer's data).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The one 404 answer.
    let notFound: Response
    /// The one 404 answer of the JSON API (`/api/…`): `{"error": "NOT_FOUND", "message": …}`.
    let apiNotFound: Response

    static var policy: String {
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            response = notFound
        }
        if response.status == .notFound { response = request.uri.path.hasPrefix("/api/") ? apiNotFound : notFound }
        let isPage = response.headers[.contentType]?.hasPrefix("text/html") == true
        response.headers[.contentSecurityPolicy] = isPage ? Self.policy : "default-src 'none'; sandbox"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

extension HTTPField.Name {
    /// `X-Frame-Options`.
    static var xFrameOptions: Self { Self("X-Frame-Options")! }
    /// `Referrer-Policy`.
    static var referrerPolicy: Self { Self("Referrer-Policy")! }
}
