package mockwebex

import (
	"fmt"
	"strings"
)

// QuirkID names one behaviour of real Webex from the catalogue of design §5.
type QuirkID int

// The quirk catalogue. Each is on by default, switched off with -quirks
// (ParseQuirks), and implemented in exactly one place that asks
// s.quirks.On(WXnn); the comment there cites the ID.
const (
	WX01       QuirkID = iota + 1 // cursor echo
	WX02                          // foreign cursor not checked
	WX03                          // duplicate team names
	WX04                          // last moderator cannot leave
	WX05                          // last member leaves: team deleted
	WX06                          // consenting account removed/demoted loses the team
	WX07                          // deleted person: PUT/DELETE 403
	WX08                          // PUT /people is a full replace
	WX09                          // POST /people rules and initial state
	WX10                          // GET /people filters
	WX11                          // team creator becomes moderator
	WX12                          // max clamped
	WX13                          // duplicate membership 409
	WX14                          // duplicate email 409
	WX15                          // lists limited to the caller's teams
	WX16                          // 401 with Webex's verbatim message
	WX17                          // 429 with integer Retry-After
	WX18                          // tokens expire; refresh grant
	WX19                          // list lag
	WX20                          // unknown group member id: 400 (inferred)
	WX21                          // duplicate group displayNames (inferred)
	WX22                          // group member added twice / deleted absent: no-op (inferred)
	WX23                          // emptied group kept; no members key (inferred)
	quirkCount = int(WX23)
)

// Quirk is one row of the catalogue.
type Quirk struct {
	ID       QuirkID
	Code     string // "WX01"
	Title    string // what real Webex does (quirk on)
	Off      string // what the fake does with the quirk off: the "sane" service
	Source   string // where the behaviour comes from (design §5 "source")
	Inferred bool   // true where the behaviour or its status code is a guess
}

// Catalogue returns the quirk table, in ID order.
func Catalogue() []Quirk {
	return []Quirk{
		{WX01, "WX01", "An undecodable cursor answers 200 with items [] and a Link next URL that carries the same cursor back.",
			"An undecodable cursor answers 400.", "vendor page", false},
		{WX02, "WX02", "A decodable cursor from another listing is not checked: the items from the position it encodes.",
			"A cursor whose listing key does not match the request answers 400.", "vendor page", false},
		{WX03, "WX03", "Several teams may have the same name.",
			"Creating or renaming a team to a name another team has answers 409.", "vendor page", false},
		{WX04, "WX04", "The last moderator of a team cannot leave or be demoted while other members remain: 409.",
			"The last moderator may leave or be demoted; the team is left without moderators (anyone may then manage it).", "vendor page, spec", false},
		{WX05, "WX05", "When the last member leaves a team, the team is deleted (GET 404, gone from lists).",
			"The team survives with no members.", "vendor page", false},
		{WX06, "WX06", "A caller removed from a team no longer sees it (404); demoted to plain member, its writes answer 403, whatever its org roles.",
			"An organisation's full administrator can see and manage every team of the organisation, member or not.", "vendor page", false},
		{WX07, "WX07", "PUT or DELETE of a deleted person answers 403; GET answers 404.",
			"PUT, DELETE and GET of a deleted person answer 404.", "vendor page", false},
		{WX08, "WX08", "PUT /people/{id} is a full replace: optional fields left out are cleared; displayName is required (400); nickName is set to firstName.",
			"PUT merges: fields left out keep their values; displayName is optional; nickName is taken as sent.", "spec, observed", false},
		{WX09, "WX09", "POST /people needs exactly one email; answers 200; a new person is pending: status \"pending\", invitePending true, loginEnabled false.",
			"POST /people takes the first of several emails, answers 201, and the new person is active: status \"active\", invitePending false, loginEnabled true. (A name is required either way: the spec requires it.)", "spec, observed", false},
		{WX10, "WX10", "GET /people: email matches exactly (case-insensitively), displayName by prefix, id takes up to 85 comma-separated ids (more: 400, status inferred) and reports notFoundIds.",
			"displayName matches the whole name (case-insensitively); id takes any number of ids.", "spec", false},
		{WX11, "WX11", "The account that creates a team becomes its member and moderator.",
			"The creator becomes a plain member (the team starts unmoderated).", "spec, observed", false},
		{WX12, "WX12", "A max above the endpoint's maximum is clamped to it (people 1000, inferred; 100 with callingData and 50 with locationId, spec; teams and memberships 1000, inferred); so is the count of /groups (1000, inferred) and /groups/{id}/members (500, docs).",
			"A max or count above the endpoint's maximum answers 400.", "docs", true},
		{WX13, "WX13", "Adding a person who is already a member of the team answers 409 (status inferred).",
			"Adding an existing member answers 200 with the existing membership, unchanged.", "inferred", true},
		{WX14, "WX14", "Creating a person, or changing a person's email, to an email that another person has answers 409 (status inferred).",
			"The same request answers 400 as an ordinary validation error.", "inferred", true},
		{WX15, "WX15", "GET /teams lists only the caller's teams; GET /team/memberships needs teamId (400 without, per the spec) and membership of that team (404 otherwise, status inferred).",
			"A full administrator lists every team of the organisation and the memberships of any team (teamId is still required: the spec says so).", "spec", true},
		{WX16, "WX16", "401 for a missing, unknown or expired token, with the message \"" + msgUnauthorized + "\".",
			"401 with a message that says which: missing, unknown or expired.", "observed", false},
		{WX17, "WX17", "Over the per-token rate (-rate-limit) the fake answers 429 with an integer Retry-After (or, with -retry-after-form, an HTTP date, none, or an unreadable one); the rate_limit fault does the same (retry_after_form).",
			"The -rate-limit option is not enforced (the rate_limit fault, being asked for, still answers 429).", "docs", false},
		{WX18, "WX18", "Access tokens expire after 14 days and refresh tokens after 90, on the fake's clock; grant_type=refresh_token renews; a bad refresh token answers 400 invalid_grant.",
			"Tokens never expire (a bad refresh token is still 400 invalid_grant: RFC 6749 §5.2).", "docs", false},
		{WX19, "WX19", "A person or team deleted is gone from lists at once; with -list-lag, a new person shows in GET /people lists only after the lag (GET by id at once).",
			"-list-lag is ignored: new people are listed at once.", "inferred", true},
		{WX20, "WX20", "A Control Hub group POST or PATCH naming a person id that does not exist or was deleted answers 400 naming the id; nothing changes (status inferred: the spec is silent).",
			"The same request answers 404; nothing changes.", "inferred (control-hub-groups-facts §3)", true},
		{WX21, "WX21", "Several Control Hub groups may have the same displayName (the native SCIM Group schema: uniqueness none).",
			"Creating or renaming a group to a displayName another group has (case-insensitively) answers 409.", "inferred (control-hub-groups-facts §3)", true},
		{WX22, "WX22", "PATCH /groups/{id} adding a person who is already a member, or deleting one who is not, is a no-op answered 200; a PATCH that changes nothing leaves lastModified as it was.",
			"Adding an existing member answers 409, deleting a non-member 400; nothing changes.", "inferred (control-hub-groups-facts §3)", true},
		{WX23, "WX23", "A Control Hub group whose last member leaves (PATCH delete, or the person is deleted) is kept, memberSize 0, and rendered with no members key even when members were asked for (the key's absence: DEV-EMBED's example; the group kept: inferred).",
			"The group is kept and rendered with members: [] when members were asked for.", "docs, inferred (control-hub-groups-facts §1)", true},
	}
}

// Quirks is a set of switched-on quirks.
type Quirks struct{ bits uint32 }

// AllQuirks returns the default set: every quirk on.
func AllQuirks() Quirks { return Quirks{bits: (1<<(quirkCount+1) - 1) &^ 1} }

// NoQuirks returns the empty set: the fake behaves as a "sane" service.
func NoQuirks() Quirks { return Quirks{} }

// On reports whether quirk id is switched on.
func (q Quirks) On(id QuirkID) bool { return q.bits&(1<<uint(id)) != 0 }

// With returns q with id switched on.
func (q Quirks) With(id QuirkID) Quirks { q.bits |= 1 << uint(id); return q }

// Without returns q with id switched off.
func (q Quirks) Without(id QuirkID) Quirks { q.bits &^= 1 << uint(id); return q }

// String renders q the way ParseQuirks reads it: "all", "none" or "WX01,WX05".
func (q Quirks) String() string {
	switch q {
	case AllQuirks():
		return "all"
	case NoQuirks():
		return "none"
	}
	var on []string
	for id := QuirkID(1); int(id) <= quirkCount; id++ {
		if q.On(id) {
			on = append(on, fmt.Sprintf("WX%02d", int(id)))
		}
	}
	return strings.Join(on, ",")
}

// ParseQuirks reads "all", "none" or a comma-separated list of quirk ids
// ("WX01,WX05"); an unknown id is an error.
func ParseQuirks(s string) (Quirks, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "all":
		return AllQuirks(), nil
	case "none", "":
		return NoQuirks(), nil
	}
	var q Quirks
	for _, part := range strings.Split(s, ",") {
		code := strings.ToUpper(strings.TrimSpace(part))
		id, ok := quirkByCode(code)
		if !ok {
			return Quirks{}, fmt.Errorf("unknown quirk %q (known: WX01 to WX%02d, all, none)", part, quirkCount)
		}
		q = q.With(id)
	}
	return q, nil
}

func quirkByCode(code string) (QuirkID, bool) {
	for _, k := range Catalogue() {
		if k.Code == code {
			return k.ID, true
		}
	}
	return 0, false
}
