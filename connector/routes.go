package connector

import (
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"github.com/webex-scim/webex-scim/connector/scim"
)

// scimBasePath is where the SCIM service lives (design §3).
const scimBasePath = "/scim/v2"

// routes is the whole HTTP surface of the connector in one table (design §3). Every route under
// /scim/v2 needs a bearer token (design §3.1); the others do not.
func (s *Server) routes() http.Handler {
	r := mux.NewRouter()
	// No redirect to a cleaned path ("//Users", "/./Users"): gorilla/mux would answer 301 before
	// authentication and without a SCIM body, and an HTTP client following it turns a PATCH into
	// a GET. Such a path is simply not an endpoint (404, design §3).
	r.SkipClean(true)
	r.NotFoundHandler = http.HandlerFunc(s.notFound)
	r.MethodNotAllowedHandler = http.HandlerFunc(s.methodNotAllowed)

	// The SCIM routes sit on the root router with their full path (not a mux subrouter: with one,
	// mux answers 404 instead of 405 for a known path with another method).
	api := scimRoutes{r}
	h := func(fn handlerFunc) http.Handler { return s.requireBearer(s.scimHandler(fn)) }

	// mux tries routes in the order they are registered, a regular expression each, and answers
	// with the first that matches; no two paths here overlap, so the order decides only how soon
	// a request is routed (405 still needs every route tried). The reads that make up nearly all
	// of a sync come first (BENCHMARKS.md, Connector).
	api.Handle("/Users/{id}", h(s.getUser)).Methods(http.MethodGet)
	api.Handle("/Users", h(s.listUsers)).Methods(http.MethodGet)
	api.Handle("/Groups/{id}", h(s.getGroup)).Methods(http.MethodGet)
	api.Handle("/Groups", h(s.listGroups)).Methods(http.MethodGet)

	// Users ↔ Webex people (design §3.2, §4.1); the reads are above.
	api.Handle("/Users", h(s.createUser)).Methods(http.MethodPost)
	api.Handle("/Users/{id}", h(s.replaceUser)).Methods(http.MethodPut)
	api.Handle("/Users/{id}", h(s.patchUser)).Methods(http.MethodPatch)
	api.Handle("/Users/{id}", h(s.deleteUser)).Methods(http.MethodDelete)

	// Groups ↔ Webex teams (design §3.7, §4.2): groups*.go; the reads are above.
	api.Handle("/Groups", h(s.createGroup)).Methods(http.MethodPost)
	api.Handle("/Groups/{id}", h(s.replaceGroup)).Methods(http.MethodPut)
	api.Handle("/Groups/{id}", h(s.patchGroup)).Methods(http.MethodPatch)
	api.Handle("/Groups/{id}", h(s.deleteGroup)).Methods(http.MethodDelete)

	// Queries by POST (RFC 7644 §3.4.3): search.go.
	api.Handle("/Users/.search", h(s.searchUsers)).Methods(http.MethodPost)
	api.Handle("/Groups/.search", h(s.searchGroups)).Methods(http.MethodPost)
	api.Handle("/.search", h(s.searchAll)).Methods(http.MethodPost)

	// Bulk (RFC 7644 §3.7): bulk*.go; each operation runs the handler above it stands for.
	api.Handle("/Bulk", h(s.bulk)).Methods(http.MethodPost)

	// Roles ↔ Webex roles, Profiles ↔ Webex licences: read-only (design §4.3, §4.4).
	api.Handle("/Roles", h(s.listRoles)).Methods(http.MethodGet)
	api.Handle("/Roles/{id}", h(s.getRole)).Methods(http.MethodGet)
	api.Handle("/Profiles", h(s.listProfiles)).Methods(http.MethodGet)
	api.Handle("/Profiles/{id}", h(s.getProfile)).Methods(http.MethodGet)

	// Discovery (RFC 7644 §4).
	api.Handle("/ServiceProviderConfig", h(s.getServiceProviderConfig)).Methods(http.MethodGet)
	api.Handle("/Schemas", h(s.listSchemas)).Methods(http.MethodGet)
	api.Handle("/Schemas/{id}", h(s.getSchema)).Methods(http.MethodGet)
	api.Handle("/ResourceTypes", h(s.listResourceTypes)).Methods(http.MethodGet)
	api.Handle("/ResourceTypes/{id}", h(s.getResourceType)).Methods(http.MethodGet)

	// Outside SCIM: health, the inbound token endpoint, consent.
	r.Handle("/healthz", http.HandlerFunc(s.healthz)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/readyz", http.HandlerFunc(s.readyz)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/oauth/token", http.HandlerFunc(s.issueToken)).Methods(http.MethodPost)
	r.Handle("/consent", http.HandlerFunc(s.startConsent)).Methods(http.MethodGet)
	r.Handle("/consent/callback", http.HandlerFunc(s.finishConsent)).Methods(http.MethodGet)
	if s.metricsHandler != nil {
		r.Handle("/metrics", s.metricsHandler).Methods(http.MethodGet, http.MethodHead) // metrics.go
	}
	r.Use(s.metrics.recordRoute)

	return canonicalResourcePath(headAsGet(r))
}

// canonicalResourcePath rewrites the endpoint segment of a /scim/v2 path to its canonical
// spelling, so that /scim/v2/users and /scim/v2/USERS reach the /Users routes (design §3: resource
// path segments match case-insensitively). Ids and schema URNs are left as they are. One
// trailing slash is dropped, so /Users/ and /Groups/x/ answer as /Users and /Groups/x (issue 16;
// design §3 lists such paths): a client that joins its base URL and a path with a slash too many
// still reaches the endpoint. An empty segment elsewhere (//Users, /Users//) stays a 404.
func canonicalResourcePath(next http.Handler) http.Handler {
	segments := []string{
		"ServiceProviderConfig", "Schemas", "ResourceTypes", "Users", "Groups", "Roles", "Profiles", "Bulk",
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rest, ok := strings.CutPrefix(r.URL.Path, scimBasePath+"/"); ok {
			if trimmed, ok := strings.CutSuffix(rest, "/"); ok && trimmed != "" && !strings.HasSuffix(trimmed, "/") {
				r = withPath(r, scimBasePath+"/"+trimmed)
				rest = trimmed
			}
			seg, _, _ := strings.Cut(rest, "/")
			for _, c := range segments {
				if seg != c && strings.EqualFold(seg, c) {
					r = withPath(r, scimBasePath+"/"+c+rest[len(seg):])
					break
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// withPath is r with another (clean, unescaped) path.
func withPath(r *http.Request, path string) *http.Request {
	r2 := r.Clone(r.Context())
	r2.URL.Path = path
	r2.URL.RawPath = ""
	return r2
}

// notFound answers an unknown path: an RFC 7644 §3.12 body under /scim/v2, plain text elsewhere.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if isSCIMPath(r) {
		// Unknown SCIM endpoints are still behind authentication: do not tell an anonymous caller
		// which paths exist.
		if !s.authenticate(w, r) {
			return
		}
		scim.WriteError(w, scim.Errorf(http.StatusNotFound, "", "no SCIM endpoint at %s", r.URL.Path))
		return
	}
	http.NotFound(w, r)
}

// methodNotAllowed answers a known path with a method it does not serve (RFC 7644 §3.12: 405).
func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	if isSCIMPath(r) {
		if !s.authenticate(w, r) {
			return
		}
		scim.WriteError(w, scim.Errorf(http.StatusMethodNotAllowed, "", "%s is not supported on %s", r.Method, r.URL.Path))
		return
	}
	http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
}

// scimRoutes registers routes under /scim/v2.
type scimRoutes struct{ r *mux.Router }

func (a scimRoutes) Handle(path string, h http.Handler) *mux.Route {
	return a.r.Handle(scimBasePath+path, h)
}

func isSCIMPath(r *http.Request) bool {
	return r.URL.Path == scimBasePath || strings.HasPrefix(r.URL.Path, scimBasePath+"/")
}
