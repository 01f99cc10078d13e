// Package mockwebex is a stateful, in-memory fake of the Webex REST API
// (design §5): people, roles, licences, teams, team memberships, Control Hub
// groups and the OAuth endpoints, with Webex's documented quirks (WX01–WX23),
// fault injection and
// a control plane. It is an http.Handler, so it runs under httptest or as
// the program cmd/mockwebex.
//
// # Using it
//
//	fake, err := mockwebex.New(
//		mockwebex.WithClock(mockwebex.NewFakeClock(start)), // default: the system clock
//		mockwebex.WithSeed(doc),                           // default: fixtures.DefaultSeed()
//		mockwebex.WithAdminToken("T"),                     // default: random; fake.AdminToken()
//		mockwebex.WithQuirks(mockwebex.AllQuirks()),       // default; ParseQuirks("WX01,WX05"), NoQuirks()
//		mockwebex.WithListLag(2*time.Second),              // WX19; default 0
//		mockwebex.WithRateLimit(5),                        // WX17, per token per second; default 0 = off
//		mockwebex.WithRetryAfterForm("date"),              // the rate limit's Retry-After; default "seconds"
//		mockwebex.WithLatency(50*time.Millisecond, 10*time.Millisecond), // every /v1 answer; default off
//		mockwebex.WithRandSource(rand.NewPCG(1, 2)),       // the latency's jitter; default seeded at random
//		mockwebex.WithSleeper(record),                     // how the latency waits; default a timer
//		mockwebex.WithLogger(logger),                      // one Debug line per request
//	)
//	srv := httptest.NewServer(fake) // API at srv.URL + "/v1"
//
// The Go API mirrors the control plane: Reset, LoadSeed, State, Requests,
// ClearRequests, AddFault, ClearFaults, IssueToken, Settings, SetSettings,
// Clock, AdminToken, AdminRefreshToken.
//
// # The API (under /v1; paths with or without a trailing slash)
//
//	GET    /people                 email, displayName, id (comma list and/or repeated), orgId, roles,
//	                               callingData, locationId, max, excludeStatus, cursor
//	POST   /people                 callingData, minResponse
//	GET    /people/me
//	GET    /people/{id}            a person id or its bare uuid
//	PUT    /people/{id}            callingData, showAllTypes, minResponse; loginEnabled settable
//	DELETE /people/{id}
//	GET    /roles, /roles/{id}
//	GET    /licenses (orgId), /licenses/{id} (includeAssignedTo=user, limit)
//	GET    /teams (max, cursor)    POST /teams
//	GET|PUT|DELETE /teams/{id}
//	GET    /team/memberships (teamId required, max, cursor)   POST /team/memberships
//	GET|PUT|DELETE /team/memberships/{id}
//	GET    /organizations, /organizations/{id}   administrators only (403 otherwise); the seed's one
//	GET    /groups                 orgId, filter (displayName eq|sw "v", case-insensitive; else 400),
//	                               attributes (id plus those named), sortBy (id|displayName),
//	                               sortOrder (ascending|descending), includeMembers, startIndex, count
//	POST   /groups                 {displayName, description?, orgId?, members?: [{id}] (≤ 500)} → 201
//	GET    /groups/{id}            includeMembers
//	PATCH  /groups/{id}            {displayName?, description?, members?: [{id, operation: add|delete}]}
//	DELETE /groups/{id}
//	GET    /groups/{id}/members    startIndex, count (default and maximum 500); /Members too
//	GET    /authorize              client_id, response_type=code, redirect_uri, scope, state, login_hint
//	POST   /access_token           form: grant_type=authorization_code|refresh_token (client secret in
//	                               the form or HTTP Basic)
//
// Wire rules: ids are base64url without padding of
// "ciscospark://us/<KIND>/<uuid>" (memberships: "<personUuid>:<teamUuid>";
// groups: SCIM_GROUP/"<groupUuid>:<orgUuid>"; roles: the role key, e.g.
// id_full_admin); GET, POST, PUT and PATCH answer 200 (POST /groups 201),
// DELETE 204; lists are {"items": [...]} (plus notFoundIds when GET /people
// had id=); paging by max (default 100, clamped: WX12) and an absolute
// Link: <url>; rel="next" on the request's own host (X-Forwarded-Proto is
// honoured) carrying the original query and cursor=, absent on the last
// page; timestamps 2026-11-26T09:15:02.123Z; every /v1 answer has a
// trackingid header, and every error Webex's envelope
// {"message","errors":[{"description"}],"trackingId"} with
// Content-Type application/json. Unknown endpoints answer 404, unsupported
// query parameters 400 naming the parameter, wrong body field types or
// missing required fields 400 naming the field; unknown body fields are
// ignored, as Webex does. A recover middleware answers any panic in the
// same envelope (a 500 there is a bug of the fake).
//
// # Who may do what
//
// The seed's consenting admin (admin@example.com) is a full administrator.
// Full and user administrators (roles id_full_admin, id_user_admin) create,
// update and delete people; any administrator role reads the whole
// organisation with admin fields (roles, licenses, invitePending,
// loginEnabled), /roles and /licenses; other people get 403 there, and must
// filter GET /people by email, displayName or id. Teams are visible only to
// their members (WX06, WX15); in a team with moderators only moderators
// change it (anyone may leave), in a team without moderators any member may.
// A deleted person's tokens stop working.
//
// # Control Hub groups
//
// /groups are Control Hub groups (control-hub-groups-facts.md): a name, a
// description and a set of people, no moderators and no externalId (an
// unknown body field is ignored, as everywhere). Any administrator reads
// them, full and user administrators change them, and the token needs the
// OAuth scope identity:groups_read (reads) or identity:groups_rw (reads and
// writes), else 403. Scopes are checked on /groups only: tokens the fake
// issues itself (the seeded admin's, POST /_mock/tokens without "scope")
// hold every scope, and a token from /authorize holds exactly the scopes
// asked for there, through refresh. Lists are
// {"totalResults","startIndex","itemsPerPage","groups":[...]} paged by
// startIndex (1-based) and count (default 100, clamped at 1000: WX12), with
// Link rel="next" carrying both. members appear with includeMembers (at
// most 500; memberSize is the true count), in PATCH and POST answers, and
// on /members, each {id, type: "user", displayName}. PATCH applies its
// member operations in order, all or nothing (a refused one changes
// nothing), and answers the group with its members; lastModified moves only
// when something changed. Deleting a person takes them out of every group
// (the group's lastModified moves). A deleted group is 404.
//
// # Consent without a browser
//
// GET /v1/authorize redirects at once (302 to redirect_uri?code=…&state=…)
// when the request carries a valid bearer token (its owner consents) or
// login_hint=<email of a person>, e.g. login_hint=admin@example.com;
// otherwise it answers a small HTML page asking for that email. The client
// is the seed's integration (mock-client-id / mock-client-secret); any
// loopback redirect URI (localhost, 127.0.0.0/8, ::1) is accepted, and those
// the seed lists. Codes are single-use and live 10 minutes; access tokens 14
// days and refresh tokens 90 days on the fake's clock (WX18). Refreshing
// keeps the refresh token.
//
// # Control plane (same port, no authentication, not recorded)
//
//	POST   /_mock/reset      204: back to the last seed; tokens re-issued (the admin's keep their values),
//	                         faults and the request log cleared; settings and clock kept
//	POST   /_mock/seed       204, or 400 in Webex's envelope for a bad document (nothing changes)
//	GET    /_mock/state      {"people","teams","memberships","roles","licenses","organizations","groups"}
//	                         as the API renders them to an admin; deleted people left out; groups
//	                         with all their members (members [] when empty)
//	GET    /_mock/requests   {"items":[{"method","path","query","status","body","authorization":"Bearer ***","time"}]}
//	                         the last 10,000 /v1 requests; OAuth form secrets shown as ***; a body
//	                         is kept up to 64 KiB, then marked as cut
//	DELETE /_mock/requests   204
//	POST   /_mock/tokens     {"email","scope"?} → {"access_token","expires_in":1209600,"personId"}; 404
//	                         unknown email; scope (space-separated) limits the token, absent: every scope
//	POST   /_mock/faults     {"name","method","path","times","retry_after","retry_after_form","status","ms"}
//	                         → 201 {"id"}; names: rate_limit, server_error, latency, drop_connection,
//	                         token_expired, fail_after_apply (the request is served and its effects
//	                         kept, then answered status: 400 or 5xx, default 500: a POST /people that
//	                         created the person yet failed); any other name 400. retry_after and
//	                         retry_after_form (seconds, date: an HTTP date that far ahead on the
//	                         fake's clock, missing, malformed: "soon") belong to rate_limit and to
//	                         server_error with status 503. method empty = any; path is a prefix, empty = any;
//	                         times 0 = until cleared. The first matching fault applies. A fault that
//	                         could never fire (a method outside GET POST PUT DELETE PATCH HEAD
//	                         OPTIONS, a path outside /v1 or with a query) or with another fault's
//	                         parameter (status without server_error...) is 400.
//	DELETE /_mock/faults     204: clears all
//	POST   /_mock/clock      {"advance":"336h"} or {"set":"2027-01-01T00:00:00Z"} → {"now"}
//	                         (an extension of design §5: shows WX18 expiry over HTTP; time never runs back
//	                         with advance)
//	GET    /_mock/settings   {"quirks","listLag","rateLimit","retryAfterForm","latency","jitter"}
//	                         (retryAfterForm: the Retry-After of the rate limit's 429s, as
//	                         retry_after_form above; latency, jitter: Go durations, below)
//	POST   /_mock/settings   the same fields, each optional → the new settings; under the lock
//	GET    /_mock/healthz    200 {"status":"ok"}
//
// # Latency
//
// With -latency/-jitter, WithLatency or POST /_mock/settings {"latency":
// "50ms","jitter":"10ms"}, every /v1 request (errors and injected faults
// too; the control plane never) waits latency plus a jitter uniform in
// [0, jitter] before it is served, modelling a Webex 100–300 ms away. Off by
// default. A request cancelled during the wait is not served (nothing it
// asked for happens; the request log shows status 0). The jitter is drawn
// from an injected random source and the wait is an injected Sleeper, so
// tests record the delays instead of timing them (latency.go).
//
// # Quirks
//
// Every quirk is on by default and switched off with -quirks / WithQuirks /
// POST /_mock/settings. Catalogue() (quirks.go) is the full table, with
// sources, what is inferred, and what the fake does with each quirk off; in
// short:
//
//	WX01 undecodable cursor → 200, no items, Link with the same cursor    off: 400
//	WX02 foreign (decodable) cursor is not checked                        off: 400
//	WX03 duplicate team names allowed                                     off: 409
//	WX04 last moderator cannot leave/be demoted while others remain: 409  off: allowed
//	WX05 last member leaves → team deleted                                off: team kept, empty
//	WX06 removed → team 404; demoted → writes 403, even for an org admin  off: full admins manage any team
//	WX07 PUT/DELETE deleted person → 403 (GET 404)                        off: 404
//	WX08 PUT person = full replace; displayName required; nickName=first  off: merge
//	WX09 POST person: one email; 200; pending, invite, login off          off: first email; 201; active
//	WX10 email exact (case-insensitive); displayName prefix; ≤85 ids      off: whole-name match; no id limit
//	WX11 team creator is moderator                                        off: plain member
//	WX12 max clamped (people 1000*, 100 callingData, 50 locationId;
//	     teams, memberships 1000*)                                        off: 400     (* inferred)
//	WX13 duplicate membership → 409 (inferred)                            off: 200, existing membership
//	WX14 duplicate email → 409 (inferred)                                 off: 400
//	WX15 /teams lists the caller's teams; memberships need membership     off: full admins list all
//	WX16 401 with Webex's verbatim message                                off: message says why
//	WX17 -rate-limit → 429 with Retry-After (-retry-after-form)           off: not enforced
//	WX18 tokens expire (14 d access, 90 d refresh); invalid_grant         off: never expire
//	WX19 -list-lag delays new people in lists (deletes at once)           off: no lag
//	WX20 group member id that is no person → 400 (inferred)               off: 404
//	WX21 duplicate group displayNames allowed (inferred)                  off: 409
//	WX22 group member added twice / absent one deleted: no-op (inferred)  off: 409 / 400
//	WX23 emptied group kept; no members key when empty (partly inferred)  off: members []
//
// # Seed format
//
// A seed document (SeedDoc; fixtures/seed/default.json is the default) has:
// "created" (timestamp of everything that gives none), "organization"
// {uuid, displayName}, "integration" {clientId, clientSecret, redirectUris},
// "admin" (the consenting admin's email), "roles" [{key, name}] (id =
// base64url of ciscospark://us/ROLE/<key>), "licenses" [{key, uuid, name,
// totalUnits, subscriptionId, siteUrl, siteType, consumedByWorkspaces}],
// "people" [{uuid, emails: [one], displayName, firstName, lastName, and any
// Person field; roles and licenses by key or id; status (default active),
// invitePending, loginEnabled (default true), created}], "teams" [{uuid,
// name, description, creator (email), members [{email, isModerator}]}], and
// "groups" [{uuid, displayName, description, created, members [emails]}].
// Unknown fields are refused, so a typo in a seed is an error. Uuids of
// objects the API creates are name-based and counted per server, so a run
// repeats its ids.
//
// The default seed's role keys are Webex's (id_full_admin, id_user_admin,
// ...); the names other than "Full Administrator" were not checked against a
// live organisation, and the partner roles' names are modelled.
//
// # Not modelled
//
// The admin-only "enriched payload" difference between GET /people/{id} and
// GET /people?id= (the fake renders roles and licences in both; it does drop
// presence with id=, as the spec says); Webex Calling data (callingData only
// changes the max clamp); the next page of GET /licenses/{id} users (the
// parameter is refused); PATCH /licenses/users.
package mockwebex
