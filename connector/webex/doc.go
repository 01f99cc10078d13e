// Package webex is the connector's client for the Webex REST API (https://webexapis.com/v1): the
// only code in the project that knows Webex URLs (ARCHITECTURE.md). It knows nothing of SCIM.
//
// # Calls
//
// Every call sends Authorization: Bearer <token from Config.TokenSource>, Accept: application/json
// and Config.UserAgent; bodies are JSON with Content-Type: application/json. The caller's context
// is passed to every request, and each attempt also gets its own timeout (Config.Timeout, 30s).
//
// # Errors
//
// Every failure is a *Error (status, Webex's message and errors[].description, trackingId,
// Retry-After, method and path; Status 0 for a transport failure, with the cause in Err). A
// non-JSON error body still gives an Error with the status and a short excerpt. When the store has
// no usable credentials (no consent yet, or a refresh token Webex refused with invalid_grant) the
// Error wraps ErrNoToken: check errors.Is(err, ErrNoToken) before mapping Status, so the
// connector answers 503 "visit /consent" rather than a 502 (design §3.8, §3.9).
//
// # Retries and timeouts (design §3.9)
//
//   - 429: nothing was done, so every method is retried after Retry-After (seconds or an HTTP
//     date; 1s when absent or unreadable).
//   - 5xx (not 501) and transport failures: only GET, PUT and DELETE are retried, after 100ms,
//     200ms, 400ms… (a 503's Retry-After when longer). A POST is never retried blindly: after an
//     ambiguous failure CreatePerson looks the person up by email and CreateMembership reads the
//     team's memberships, and return what now exists; otherwise the original error.
//   - 401: the token source is told (TokenInvalidator) and the call is retried once with a
//     refreshed token.
//
// Attempts are bounded by Config.MaxAttempts (4) and the summed waits by Config.MaxRetryWait
// (30s); a wait that would go past the budget is not started and the last Error is returned, with
// RetryAfter set on a 429 so the connector can pass it on. Waits use Config.Sleep, which returns
// early when the context is done.
//
// # Paging
//
// List calls return a Page with Next set to the absolute URL of the Link rel="next" (RFC 8288), or
// "" on the last page; pass it back to get the next page. A next URL that is not on the base URL's
// scheme and host is refused (ErrForeignNextURL): the bearer token goes nowhere else. Webex's cursor
// echo (WX01: an empty page whose next link carries the same cursor) is logged at Warn with the
// trackingId; on a page read with a cursor it means the listing was cut short, and the call fails
// with ErrListingCut rather than passing a partial list off as the whole one (issue 15).
//
// # Tokens (design §3.8)
//
// TokenStore holds the connector's credentials: loaded from the token file at start (TokenFile,
// written atomically with mode 0600), from WEBEX_REFRESH_TOKEN, or set after consent. Its Token
// method refreshes an expired access token through golang.org/x/oauth2 at Endpoint(base) and
// writes the refreshed token back to the file, so a restart needs no new consent. A token file that
// exists but cannot be read or holds no token is an error naming the file (the connector does not
// start), and Save never replaces the file with a token that holds nothing or a torn write. A refresh token
// the token endpoint refuses (4xx, e.g. invalid_grant, WX18) is not tried again until a new token
// is set; a refresh that fails in transit or with a 5xx is an ordinary upstream fault (no
// ErrNoToken) and is retried like one. TokenStore also implements TokenInvalidator, so a 401 from
// Webex on a token it still thought valid triggers one refresh and one retry. Replicas share the
// token file (design §3.10): before refreshing, and before giving up on a refused refresh token,
// the store re-reads the file and takes a usable token or a new refresh token another replica
// wrote (token_shared.go). oauth2.TokenSource
// takes no context, so a refresh is bounded by its own 30s timeout rather than the inbound
// request's context.
//
// Redirects are never followed, whichever HTTP client the Client was given: a 3xx is a failure
// with its status, so the bearer token and a request body never go to the host it names.
//
// Failed calls are logged at Warn with method, path, status and trackingId; tokens never are.
//
// # Metrics
//
// With Config.Metrics (NewMetrics) every HTTP attempt is counted and timed by endpoint template
// (/v1/people/{id}: never an id), method and status, below the retries, so the counts are what
// Webex received; each retry is counted with its reason and its wait, and WithTokenMetrics counts
// the token store's refreshes and their failures (metrics.go).
package webex
