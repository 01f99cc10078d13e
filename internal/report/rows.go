package report

import (
	"strings"

	"github.com/webex-scim/webex-scim/mockwebex"
)

// Row is one line of the page: a row of the vendor page or a quirk of the catalogue.
type Row struct {
	Section string // "Operations (tables 312–315)", "Quirks of Webex (mockwebex.Catalogue)"…
	ID      string // stable and unique: "312 Create User", "316 userName", "WX05"
	Title   string // what the row says
	// Outside names where the row is checked when no scenario checks it (configuration rows).
	Outside string
	// Note is shown under the title: for a quirk, where the behaviour comes from, so that a
	// failure against real Webex can be weighed (an inferred quirk may be the fake's mistake).
	Note  string
	match func(Scenario) bool
}

// Matches reports whether scenario s checks row r.
func (r Row) Matches(s Scenario) bool { return r.match != nil && r.match(s) }

// Sections of the page, in order.
const (
	SectionOperations  = "Operations (vendor page, tables 312–315)"
	SectionMandatory   = "Mandatory fields (vendor page)"
	SectionUserMapping = "User mapping (vendor page, table 316)"
	SectionGroupMap    = "Group mapping (vendor page, table 317)"
	SectionLimitations = "Connector limitations (vendor page), as this connector answers them"
	SectionConfig      = "Configuration (vendor page)"
	SectionQuirks      = "Quirks of Webex (design §5, mockwebex.Catalogue)"
)

// seedNamed matches the @seed scenario named "<name> — …" (features/README.md: one per operation).
func seedNamed(name string) func(Scenario) bool {
	return func(s Scenario) bool { return s.HasTag("@seed") && strings.HasPrefix(s.Name, name+" — ") }
}

// connectorTagged matches the connector's scenarios (scim/, e2e/) tagged with tag.
func connectorTagged(tag string, uris ...string) func(Scenario) bool {
	return func(s Scenario) bool {
		if !s.HasTag(tag) {
			return false
		}
		if len(uris) == 0 {
			return strings.HasPrefix(s.URI, "scim/") || strings.HasPrefix(s.URI, "e2e/")
		}
		for _, u := range uris {
			if s.URI == u {
				return true
			}
		}
		return false
	}
}

// VendorRows are the rows of the vendor page (One Identity Starling Connect's Webex connector),
// in its order, each with the scenarios that check it (features/README.md, "Vendor page →
// scenarios").
func VendorRows() []Row {
	var rows []Row
	op := func(table, name, method string) {
		rows = append(rows, Row{Section: SectionOperations, ID: table + " " + name, Title: name + " (" + method + ")", match: seedNamed(name)})
	}
	for _, o := range [][2]string{{"Create User", "POST"}, {"Update User", "PUT"}, {"Delete User", "DELETE"}, {"Get User", "GET"}, {"Get Users", "GET"}} {
		op("312", o[0], o[1])
	}
	for _, o := range [][2]string{{"Create Group", "POST"}, {"Update Group", "PUT"}, {"Delete Group", "DELETE"}, {"Get Group", "GET"}, {"Get Groups", "GET"}} {
		op("313", o[0], o[1])
	}
	op("314", "Get Role", "GET")
	op("314", "Get Roles", "GET")
	op("315", "Get Profile", "GET")
	op("315", "Get Profiles", "GET")

	rows = append(rows,
		Row{Section: SectionMandatory, ID: "mandatory Users", Title: "Users: one of displayName, name.givenName, name.familyName",
			match: connectorTagged("@WX09", "scim/limitations.feature")},
		Row{Section: SectionMandatory, ID: "mandatory Groups", Title: "Groups: displayName",
			match: seedNamed("Mandatory field")},
	)

	mapping := func(section, table string, pairs [][2]string) {
		for _, p := range pairs {
			prefix := "Mapping " + table + " — " + p[0] + " "
			rows = append(rows, Row{Section: section, ID: table + " " + p[0], Title: p[0] + " ↔ " + p[1],
				match: func(s Scenario) bool { return strings.HasPrefix(s.Name, prefix) }})
		}
	}
	mapping(SectionUserMapping, "316", [][2]string{
		{"id", "id"}, {"userName", "emails[0]"}, {"name.familyName", "lastName"}, {"name.givenName", "firstName"},
		{"name.formatted", "firstName lastName"}, {"displayName", "displayName"}, {"nickName", "nickName"},
		{"emails[0].value", "emails[0]"}, {"timezone", "timezone"}, {"active", "loginEnabled"}, {"userType", "type"},
		{"roles[].value", "roles[]"}, {"entitlements[].value", "licenses[]"}, {"photos[].value", "avatar"},
		{"userExtension.organization", "orgId"}, {"userExtension.status", "status"},
		{"meta.created", "created"}, {"meta.lastModified", "lastModified"},
	})
	mapping(SectionGroupMap, "317", [][2]string{
		{"id", "id"}, {"displayName", "name"}, {"members[].value", "members[].personId"},
		{"members[].display", "members[].personDisplayName"}, {"meta.created", "created"},
	})

	limitation := func(wx, title string) {
		rows = append(rows, Row{Section: SectionLimitations, ID: "limitation " + wx, Title: title + " (" + wx + ")", match: connectorTagged("@" + wx)})
	}
	limitation("WX01", "A wrong cursor is not validated as an error: the response holds only the schema URN and the cursor")
	limitation("WX02", "A wrong cursor sometimes returns resources")
	limitation("WX09", "User creation requires one of the name attributes")
	limitation("WX03", "Several groups may have the same name")
	limitation("WX04", "The last moderator can leave a group only when it has no other members")
	limitation("WX05", "Removing the last member of a group removes the group (the vendor's connector answers 404)")
	limitation("WX06", "The consenting account, removed from a group or demoted, can no longer update it")
	limitation("WX07", "Deleting or updating a deleted user is 403")

	const outside = "no scenario: checked by scripts/features-external.sh (real mode against the fake, consent at /consent, restart without new consent) and cmd/webex-scim's tests"
	for _, c := range []string{"Connector name", "Client Id of the integration app", "Client Secret of the integration app",
		"Target URL", "Instance DateTime Offset", "Customer consent by an administrator"} {
		rows = append(rows, Row{Section: SectionConfig, ID: "config " + c, Title: c, Outside: outside})
	}
	return rows
}

// QuirkRows are the quirks of the fake's catalogue, in ID order: each row holds every scenario
// tagged with the quirk's ID, Webex's and the connector's.
func QuirkRows(quirks []mockwebex.Quirk) []Row {
	rows := make([]Row, 0, len(quirks))
	for _, q := range quirks {
		tag := "@" + q.Code
		note := "source: " + q.Source
		if q.Inferred {
			note += "; partly inferred: real Webex may differ, and then the fake is corrected"
		}
		rows = append(rows, Row{Section: SectionQuirks, ID: q.Code, Title: q.Title, Note: note,
			match: func(s Scenario) bool { return s.HasTag(tag) }})
	}
	return rows
}

// AllRows are the page's rows: the vendor page's, then the quirks of mockwebex.Catalogue().
func AllRows() []Row { return append(VendorRows(), QuirkRows(mockwebex.Catalogue())...) }
