package mockwebex

import (
	"net/http"

	"github.com/gorilla/mux"
)

// routes is the whole surface of the fake, in one place (design §5). Every
// Webex path answers with and without a trailing slash; paths are
// case-sensitive, as Webex's are. Each route lists the query parameters the
// official spec gives it (plus cursor on lists); any other is refused
// (strict by default).
func (s *Server) routes() http.Handler {
	r := mux.NewRouter()
	// gorilla/mux answers a path that is not clean (//, /./, /../) with a
	// 301 to the cleaned one: outside Webex's envelope, unauthenticated, and
	// a POST followed as a GET. Such a path is an unknown endpoint here
	// (design §5: a clear error, strict by default).
	r.SkipClean(true)
	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		writeError(w, trackingIDOf(req), errf(http.StatusNotFound, "Unknown endpoint: %s %s", req.Method, req.URL.Path))
	})
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		writeError(w, trackingIDOf(req), errf(http.StatusMethodNotAllowed, "Method %s is not allowed on %s", req.Method, req.URL.Path))
	})

	get := route{}
	put := route{write: true}
	v1 := func(path, method string, fn func(*call) (*reply, error), rt route) {
		h := s.api(fn, rt)
		r.Handle("/v1"+path, h).Methods(method)
		r.Handle("/v1"+path+"/", h).Methods(method)
	}
	with := func(rt route, params ...string) route { rt.params = params; return rt }

	// People (webex-admin / webex-messaging specs). /people/me before /people/{personId}.
	v1("/people", http.MethodGet, s.listPeople, with(get, "email", "displayName", "id", "orgId", "roles", "callingData", "locationId", "max", "excludeStatus", "cursor"))
	v1("/people", http.MethodPost, s.createPerson, with(put, "callingData", "minResponse"))
	v1("/people/me", http.MethodGet, s.getMe, with(get, "callingData"))
	v1("/people/{personId}", http.MethodGet, s.getPerson, with(get, "callingData"))
	v1("/people/{personId}", http.MethodPut, s.updatePerson, with(put, "callingData", "showAllTypes", "minResponse"))
	v1("/people/{personId}", http.MethodDelete, s.deletePerson, put)

	// Roles and licences (webex-admin spec).
	v1("/roles", http.MethodGet, s.listRoles, get)
	v1("/roles/{roleId}", http.MethodGet, s.getRole, get)
	v1("/licenses", http.MethodGet, s.listLicenses, with(get, "orgId"))
	v1("/licenses/{licenseId}", http.MethodGet, s.getLicense, with(get, "includeAssignedTo", "limit"))

	// Organizations (webex-admin: Organizations; organizations.go).
	v1("/organizations", http.MethodGet, s.listOrganizations, get)
	v1("/organizations/{orgId}", http.MethodGet, s.getOrganization, get)

	// Teams and team memberships (webex-messaging spec).
	v1("/teams", http.MethodGet, s.listTeams, with(get, "max", "cursor"))
	v1("/teams", http.MethodPost, s.createTeam, put)
	v1("/teams/{teamId}", http.MethodGet, s.getTeam, with(get, "description"))
	v1("/teams/{teamId}", http.MethodPut, s.updateTeam, put)
	v1("/teams/{teamId}", http.MethodDelete, s.deleteTeam, put)
	v1("/team/memberships", http.MethodGet, s.listMemberships, with(get, "teamId", "max", "cursor"))
	v1("/team/memberships", http.MethodPost, s.createMembership, put)
	v1("/team/memberships/{membershipId}", http.MethodGet, s.getMembership, get)
	v1("/team/memberships/{membershipId}", http.MethodPut, s.updateMembership, put)
	v1("/team/memberships/{membershipId}", http.MethodDelete, s.deleteMembership, put)

	// Control Hub groups (webex-admin spec: Groups; groups.go). /members is
	// also answered as /Members, which Cisco's own Python SDK sends
	// (control-hub-groups-facts §1).
	patch := route{write: true}
	v1("/groups", http.MethodGet, s.listGroups, with(get, "orgId", "filter", "attributes", "sortBy", "sortOrder", "includeMembers", "startIndex", "count"))
	v1("/groups", http.MethodPost, s.createGroup, put)
	v1("/groups/{groupId}", http.MethodGet, s.getGroup, with(get, "includeMembers"))
	v1("/groups/{groupId}", http.MethodPatch, s.patchGroup, patch)
	v1("/groups/{groupId}", http.MethodDelete, s.deleteGroup, put)
	v1("/groups/{groupId}/members", http.MethodGet, s.groupMembers, with(get, "startIndex", "count"))
	v1("/groups/{groupId}/Members", http.MethodGet, s.groupMembers, with(get, "startIndex", "count"))

	// OAuth 2.0 (oauth.go).
	v1("/authorize", http.MethodGet, s.authorize, route{write: true, public: true,
		params: []string{"client_id", "response_type", "redirect_uri", "scope", "state", "login_hint"}})
	v1("/access_token", http.MethodPost, s.accessToken, route{write: true, public: true})

	// Control plane (control.go).
	ctl := func(path, method string, fn func(*http.Request, []byte) (*reply, error)) {
		r.Handle("/_mock"+path, s.control(fn)).Methods(method)
	}
	ctl("/reset", http.MethodPost, s.ctlReset)
	ctl("/seed", http.MethodPost, s.ctlSeed)
	ctl("/state", http.MethodGet, s.ctlState)
	ctl("/requests", http.MethodGet, s.ctlRequests)
	ctl("/requests", http.MethodDelete, s.ctlClearRequests)
	ctl("/tokens", http.MethodPost, s.ctlTokens)
	ctl("/faults", http.MethodPost, s.ctlAddFault)
	ctl("/faults", http.MethodDelete, s.ctlClearFaults)
	ctl("/clock", http.MethodPost, s.ctlClock)
	ctl("/settings", http.MethodGet, s.ctlGetSettings)
	ctl("/settings", http.MethodPost, s.ctlSettings)
	ctl("/healthz", http.MethodGet, s.ctlHealthz)

	return s.middleware(r)
}

func pathVar(r *http.Request, name string) string { return mux.Vars(r)[name] }
