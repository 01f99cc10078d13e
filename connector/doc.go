// Package connector is the SCIM 2.0 service provider (RFC 7643, RFC 7644, RFC 9865 cursors) in
// front of the Webex REST API: Users are Webex people, Groups Webex teams (or, with
// Config.GroupKind "groups", Control Hub groups), Roles Webex admin roles, Profiles Webex licences
// (design §3, §4). Every route is in routes.go; the protocol work (filters,
// projection, PATCH, cursors, errors) is connector/scim's, every Webex call connector/webex's.
//
// The decisions an identity engineer needs to know:
//
// # Users (design §4.1)
//
//   - userName is the person's Webex email (emails[0]); it is unique and compared
//     case-insensitively. Webex keeps one address: the connector returns it as the one primary
//     work email, and to change a user's address, change userName (user_emails.go, issue 11).
//     A PUT or PATCH whose emails Webex cannot hold — removed, naming another address (Entra
//     maps UPN and mail separately), or a second one — is refused with 400 mutability and
//     nothing changes: RFC 7644 §3.5.1 and §3.5.2 ask that what is given replaces what is held,
//     so answering 200 with the address unchanged would be a silent loss. An emails naming the
//     (new) userName is consistent and applies; a PATCH that leaves emails alone lets it follow
//     userName. A POST may be altered (RFC 7644 §3.3): userName decides the address and the 201
//     shows it.
//   - Everything else a PUT or PATCH names is applied, or refused, or is one of the attributes
//     Webex cannot hold listed below, which /Schemas does not publish. Within what /Schemas
//     publishes, Webex itself narrows two: it keeps one avatar (photos: the primary entry, else
//     the first), and it sets nickName to firstName on every update (WX08); the answer shows
//     what it kept.
//   - Mandatory on create and replace: userName and one of displayName, name.givenName,
//     name.familyName (400 invalidValue naming them). When a PUT or PATCH leaves displayName
//     empty it is derived from the names, because Webex's PUT requires it (WX08).
//   - active is Webex's loginEnabled. Webex creates every person pending with login disabled
//     (WX09) and its create call takes no loginEnabled, so a create with active:true is
//     followed by one PUT. nickName is readOnly (accepted and not stored): Webex sets it to
//     firstName on every write and cannot be told otherwise (WX08), so no write could keep it.
//   - Webex's directory fields are mapped both ways on POST, PUT and PATCH (issue 11,
//     user_directory.go): title ↔ title; phoneNumbers ↔ phoneNumbers of types work, mobile
//     and fax (an entry without a type is a work number; home, pager and other numbers are not
//     stored, as RFC 7644 §3.3 lets a server ignore content; Webex's work_extension number is
//     derived from the Calling extension and neither shown nor sent); addresses ↔ the work
//     addresses (streetAddress, locality, region, postalCode, country; formatted, primary and
//     other types are not stored); the enterprise extension's department ↔ department and
//     manager.value ↔ managerId, with manager.displayName read back from Webex's manager field,
//     which the connector fills with the manager's displayName when it sets managerId (one
//     read of the manager; a manager.value that is no Webex person is 400 invalidValue).
//     /Schemas publishes exactly these sub-attributes and types, so the answer and the schema
//     agree. Entra's manager given as a bare id string is taken as manager.value.
//   - PUT replaces the SCIM attributes and nothing else: the person is read first and every
//     Webex field SCIM does not map (extension, location, site URLs…) is sent back unchanged,
//     because Webex's PUT is a full replace (WX08). roles, entitlements, photos, active, title,
//     phoneNumbers, addresses and the enterprise extension's department and manager left out of
//     a PUT are kept as they are ("not asserted", RFC 7644 §3.5.1), so an identity provider that
//     does not manage licences or titles does not strip them from everyone it updates; send
//     null or [] to clear them (an enterprise extension object without manager asserts none).
//   - PATCH (RFC 7644 §3.5.2) is applied to the SCIM representation, validated whole, and sent as
//     one Webex PUT; a patch that fails sends nothing. After a PATCH the result is complete, so
//     removing roles or entitlements clears them.
//   - PUTs, PATCHes and DELETEs of one user take turns within a process (update_locks.go): each
//     reads the person and sends it back whole, so two at once would undo each other's change; a
//     DELETE's If-Match is checked under the same lock. The lock is keyed by the canonical id, so
//     the spellings of one id Webex accepts (padded or not, the bare uuid) share it. Groups
//     take the same lock (see # Groups below).
//   - Across replicas a PUT or PATCH of a user is a conditional write (user_conditional.go,
//     design §3.10): the person is read again right before the PUT and the request re-applied
//     to the fresh state if it moved; after the PUT it is read back and, if another writer put an
//     older value over a field the request changed, the request is applied again on top; 409
//     after 5 rounds that do not settle. One interleaving stays open (design §3.10: another
//     replica's compare-read before this PUT and its PUT after this read-back). Replicas that
//     share a lock directory (Config.LockDir, SCIM_LOCK_DIR; shared_locks.go) close it: each
//     user or group write holds an flock on a stripe file there from its read to its read-back.
//     Without one, route one resource's writes to one replica to close it.
//   - externalId is not stored (Webex has no field for it); identity providers match on userName.
//     See "Attributes Webex cannot hold" below.
//   - A user Webex already deleted answers 404: Webex says 403 to PUT and DELETE (WX07), so on a
//     403 the connector reads the person and answers 404 when Webex no longer has it; a real
//     403 stays 403.
//
// # Attributes Webex cannot hold (design §3.2, §3.6, §4.1)
//
// Identity providers' default mappings send attributes that RFC 7643 defines for the User but
// that Webex has no field for: Entra sends externalId, name.formatted, preferredLanguage, locale
// and the enterprise extension's employeeNumber, costCenter, organization and division; Okta
// sends locale, preferredLanguage, profileUrl, and password on create. Entra treats any 4xx as a
// failed sync, so refusing them would fail every sync. (Their title, phone numbers, work address,
// department and manager are Webex's directory fields, mapped above.)
//
//   - Every attribute RFC 7643 defines for the User (core §4.1, enterprise extension §4.3) that
//     the connector does not map is accepted and not stored, on POST, PUT and PATCH: RFC 7644
//     §3.3 leaves the server "free to alter and/or ignore POSTed content", and the answer shows
//     what Webex holds, which is how a SCIM client learns what was kept. name.formatted is mapped
//     but derived from the names (readOnly), so a value sent for it is ignored too, as RFC 7644
//     §3.5.1 says of readOnly values. The same goes for a Group's externalId.
//   - The list is one (not_stored.go). A PATCH operation whose path names such an attribute
//     (filters included: phoneNumbers[type eq "work"].display) is dropped before the patch is
//     applied, and so are such keys of a path-less value (dotted, URN-qualified, or inside the
//     enterprise extension's object) and such sub-attributes of a complex value (name.formatted
//     inside "name"). A patch of nothing else sends nothing to Webex and answers the resource as
//     it is. POST and PUT read only the mapped attributes, so they ignore these as they ignore
//     anything else.
//   - One log line per request names the attributes that were not stored, never their values (a
//     password, a phone number): Debug for these standard ones, Info when a POST or PUT also
//     carried attributes SCIM does not define.
//   - An attribute that is neither mapped nor defined by RFC 7643 (a typo, another vendor's
//     extension) still answers 400 invalidPath in a PATCH, and nothing of the patch is applied.
//     Enterprise attributes are recognised with their URN, as Entra and Okta send them
//     (RFC 7644 §3.10 lets a client leave it out, but an unqualified "organization" is the Webex
//     extension's).
//   - /Schemas and /ResourceTypes describe only what is stored: the enterprise extension is
//     published with department and manager (value, displayName) only, so that a client reading
//     them (Entra's and Okta's schema discovery) does not map attributes that would silently
//     vanish; an answer lists the extension when Webex holds a department or a manager.
//
// # Filters (design §3.3)
//
// Pushed down to Webex, because Webex answers them exactly: `userName eq`, `emails.value eq`,
// `emails[value eq …]` (GET /people?email=), `id eq` (GET /people/{id}), `displayName sw`
// (GET /people?displayName=, a prefix match). The equality terms are pushed down also when
// the filter and-s them with others (`userName eq "…" and active eq true`): the walk is narrowed
// by that term and the rest is matched locally. Everything else, and the whole filter again on what
// Webex returns, is evaluated by the connector over the listed people, so a push-down only ever
// narrows the upstream walk. Unknown attributes and bad syntax are 400 invalidFilter.
//
// # Paging (design §3.4)
//
// Both methods of RFC 9865 are served; index is the default. count defaults to 100, at most 1000.
//
//   - Cursor paging: a cursor is signed (HMAC-SHA256 with a key derived from SCIM_CURSOR_KEY)
//     and holds the Webex position: the path and query of the Webex page to read (Webex's next
//     link without scheme and host, re-based on the configured Webex URL), the offset of the
//     next unread person in it, the Webex page size, and a hash of the filter. Each SCIM page
//     therefore costs one or two Webex pages of about count people, wherever it is in the
//     listing, and any replica with the same key continues any cursor. A cursor from elsewhere,
//     altered, or used with another filter or resource is 400 invalidCursor (stricter than
//     Starling, which echoes it with an empty page); after cursorTimeout (1 h) it is
//     expiredCursor. Webex gives no totals, so cursor pages leave totalResults out (allowed by
//     RFC 9865 §2), except a first page that holds the whole result.
//   - When Webex stops a listing part-way (WX01: an empty page whose next link repeats the
//     cursor it was read with), the answer is 502 saying so, or 400 expiredCursor when a SCIM
//     cursor leads straight into it, never a shorter list that a reconciling client would take
//     as the whole directory (issue 15).
//   - Index paging: Webex gives no totals, so a query's first page (startIndex=1) walks the
//     whole filtered listing once, in Webex pages of 1000, and keeps the matching people in an
//     in-memory cache (60 s; at most 64 queries and about 32 MiB, least recently used out, those
//     no later page was read from first), keyed by filter and not by attributes. The following
//     pages of the same query are served from it without walking again, so a full listing of N
//     users is O(N) upstream work. A result the first page holds whole (a userName eq lookup) is
//     not kept, so lookups made while an import pages through /Users cannot push its listing out
//     (issue 15). The cache is an optimisation only: a replica without the entry walks again and
//     gives the same answer. Pages after the first may be up to 60 s older than the first page; a
//     new listing always starts fresh.
//
// # Queries by POST and paths (RFC 7644 §3.4.3; issue 16)
//
// POST /Users/.search and /Groups/.search turn their SearchRequest body into the query string of
// the equivalent GET and run the GET handler, so the answer is GET's, byte for byte; POST /.search
// on the root lists the matching Users, then the matching Groups, filtered with both schemas (an
// attribute one type lacks has no value there, RFC 7644 §3.4.2.2). Filters may be 16 KiB long.
// Unknown SearchRequest attributes and list parameters in the URL's query are 400 invalidSyntax
// (a misspelt "filters" must not return everything). Details: search.go. One trailing slash on a
// path is dropped before routing (/Users/ is /Users), an empty segment elsewhere stays 404.
//
// # What /Schemas promises (RFC 7643 §2.2, §7; issue 16)
//
// Every characteristic /Schemas publishes for Users and Groups is what the connector does,
// checked by TestSchemaCharacteristics, which reads /ResourceTypes and /Schemas and exercises
// each attribute (a new group kind is one more subject of that test). Where Webex keeps less than
// RFC 7643 allows, the published schema is narrowed (schemas.go userSchema): nickName readOnly
// (WX08), emails.type only "work", photos.type only "photo", members.type only "User".
//
// # Bulk (RFC 7644 §3.7; issue 16)
//
// Each operation of POST /Bulk is dispatched, unauthenticated again, to the handler of the
// single request it stands for, and its answer (status, ETag, Location, body) becomes the
// operation's result: one code path for validation, retries, locks and rollback. bulkId
// references are resolved by waiting for the POST that declares them, wherever it is in the
// request; operations naming the same resource keep request order; independent ones run at most
// bulkFanOut (4) at a time, or one at a time in request order under failOnErrors so that the stop
// is exact. maxOperations 100, maxPayloadSize 1 MiB (413 beyond, naming both). Why these values
// and the error for each kind of bad reference: bulk.go.
//
// # Versions (RFC 7644 §3.14)
//
// meta.version is a weak ETag over what the SCIM resource shows and stores, also sent as the ETag
// header. For a user that is its mapped attributes and meta.created/lastModified; not Webex's
// presence (the extension's read-only status) nor its activity and other unmapped fields, which
// change when the person joins a meeting (issue 15), so a 304 may carry an older presence. PUT
// and PATCH carry the unmapped fields over from a fresh read, so leaving them out of the version
// loses no change. A group's covers its name, created and members; a role's and a profile's all
// they show. A PUT or PATCH whose result is what Webex holds already (identity providers resend
// the same PATCH every sync cycle) sends Webex nothing and answers the resource as it is,
// meta.version and meta.lastModified unchanged: for a user when the person to send equals the
// person read (user_noop.go), for a group when there is no rename, add or remove (issue 11).
// If-Match on PUT, PATCH and DELETE with a version that is
// no longer current answers 412 and sends nothing to Webex; If-None-Match on GET answers 304.
//
// # Times (design §4.5)
//
// WEBEX_DATETIME_OFFSET is added to meta.created and meta.lastModified on the way out. Date filters
// are evaluated by the connector on these shifted values (never pushed down), which is the same
// as comparing the client's date minus the offset with Webex's time.
//
// # The consenting account through /Users (design §3.8)
//
// The connector works as the Webex administrator who consented. A PUT or PATCH that would change
// that person's roles, entitlements (licences) or active, and a DELETE of it, answer 403 naming
// the account, and nothing is sent: done through SCIM, it would take the connector's own rights
// away (every write then 403, every listing 400) with no way back through SCIM. Its other
// attributes can be changed, and a PUT that leaves those three out or repeats their values goes
// through. /readyz answers 503 when GET /people/me no longer shows a full or user administrator
// role (user_self.go, health.go).
//
// # Group kinds (design §4.2, §4.7)
//
// The /Groups handlers (groups.go) are the same for every kind: they parse, apply PATCH, check
// If-Match and take the group's write lock, then call one groupBackend (groups_backend.go)
// chosen in New: teams (groups_teams*.go, the default) or Control Hub groups (groups_chg*.go,
// WEBEX_GROUP_KIND=groups). In the second kind a write is the fewest PATCH /v1/groups/{id}
// calls (a replace is the computed difference, a no-op sends nothing), a list page is one GET
// /v1/groups with members inline, displayName eq/sw are Webex's own filters, and the consent asks
// for identity:groups_rw and identity:groups_read instead of the teams scopes. Control Hub groups
// have no moderators: the consenting account is an ordinary person there, listed and changed
// like anyone, and the paragraph below is about teams only. Neither kind stores externalId.
//
// # Groups and the consenting account (design §3.7)
//
// The account that consented creates the teams and so is their member and moderator (WX11). The
// connector never removes or demotes its own membership and does not list it among a group's
// members, so identity-provider sync loops see exactly the members they manage and the connector
// never locks itself out of a team (the Starling limitation, WX06). Details are in the groups
// files.
//
// Writes of one group take turns within a process, from the read to the read-back, undo
// included (update_locks.go): a write that fails half-way and is undone can then never remove a
// member that another request added and reported, because that request runs before or after it,
// never in between. Locks are keyed by the canonical id (every spelling of an id Webex accepts
// gets the same lock).
//
// # Authentication (design §3.1, §3.8, §3.10)
//
// SCIM callers send the static bearer token (SCIM_BEARER_TOKEN), or a token from POST
// /oauth/token (client credentials, SCIM_CLIENT_ID and SCIM_CLIENT_SECRET, form or Basic). Both
// are compared in constant time. Issued tokens are stateless: the client id and an expiry signed
// with a key derived from SCIM_CURSOR_KEY, so with several replicas every replica accepts every
// replica's tokens, provided they share the key; they last an hour and cannot be revoked early
// (rotate the key to cut them all off). /consent needs the connector's own credentials (HTTP Basic
// with the SCIM token as the password, or the SCIM client id and secret), so that nobody else can
// point the connector at another Webex organisation; its state is signed and bound to the
// browser by a cookie, so open /consent at PUBLIC_URL (the host the callback returns to). In
// embedded mode there is nothing to consent to and /consent answers 404. Without a usable Webex token every SCIM call answers 503 telling to visit
// /consent.
//
// Consent counts as lost only when Webex's token endpoint refuses the refresh token or the
// integration (invalid_grant, invalid_client, unauthorized_client, or its own 400/401 without an
// OAuth code). A 429, a 5xx, another 4xx or no answer keeps the refresh token: the refresh is
// tried again after a backoff (Webex's Retry-After, else 1 s doubling to 5 min) and, meanwhile,
// SCIM calls answer 503 with Retry-After and /readyz says so, without calling the token
// endpoint again (connector/webex/token_refresh.go).
//
// Failed authentications (on /scim/v2, /oauth/token and /consent) are counted per client address
// (the TCP peer, or the client a proxy in Config.TrustedProxies names in X-Forwarded-For; IPv6 per
// /64): after 20 in a row, the address may fail once more every 3 seconds, and meanwhile every
// request from it that needs authentication is answered 429 with Retry-After before its
// credentials are looked at (auth_throttle.go). Each failure is logged at Warn with the address
// and a reason, never with what was presented.
//
// # Request bodies and methods (design §3)
//
// A body whose Content-Type is neither application/scim+json nor application/json (parameters
// allowed) is answered 415 and not read; a body without a Content-Type is read as JSON. HEAD is
// served on every SCIM path that serves GET, as that GET without its body.
//
// # Errors (design §3.9)
//
// Every failure is written as an RFC 7644 §3.12 body by one function (mapError): Webex 400 →
// 400 invalidValue, 404 → 404, 409 → 409 uniqueness, 401 → 503 (the connector's credentials),
// 403 → 403, 429 → 429 with Retry-After, other 5xx and transport failures → 502; the detail
// carries Webex's message and trackingId.
//
// Log lines name Webex calls by method, path, the names of the query's parameters (never their
// values: GET /people?email= carries the address looked up) and trackingId; a transport error is
// logged without its URL and e-mail addresses in Webex's messages are masked
// (connector/webex/log_redact.go). Request lines carry the SCIM path without its query.
//
// # Metrics
//
// With Config.Metrics, every request is counted and timed by route template, method and status,
// and every index-paging cache lookup by resource and hit or miss (metrics.go); the Webex client
// records its calls on the same registry (connector/webex/metrics.go). Labels are route
// templates and fixed words, never an id, an address or a filter. Config.MetricsRoute serves
// them at /metrics on this handler, open or behind the SCIM authentication; cmd/webex-scim
// chooses (open on loopback, authenticated otherwise, or a port of its own: SCIM_METRICS_ADDR).
package connector
