package mockwebex

import (
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/google/uuid"
)

// Kinds of Webex ids (design §5). A Webex id is base64url without padding of
// "ciscospark://us/<KIND>/<uuid>"; team memberships use "<personUuid>:<teamUuid>"
// as their uuid part, as the official spec's example id shows.
const (
	kindPeople         = "PEOPLE"
	kindTeam           = "TEAM"
	kindTeamMembership = "TEAM_MEMBERSHIP"
	kindRole           = "ROLE"
	kindLicense        = "LICENSE"
	kindOrganization   = "ORGANIZATION"
	kindGroup          = "SCIM_GROUP" // local part "<groupUuid>:<orgUuid>" (control-hub-groups-facts §1)
)

const idPrefix = "ciscospark://us/"

// makeID encodes a Webex id. base64url never yields '/', '+', '?', '#' or '%',
// so clients may put ids in paths unescaped (design §5).
func makeID(kind, local string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(idPrefix + kind + "/" + local))
}

// parseID decodes a Webex id of the given kind and returns its local part
// (a uuid, a role key, or person:team). It accepts padded and standard
// alphabet forms too, since clients sometimes re-encode ids.
func parseID(kind, id string) (string, bool) {
	if id == "" || len(id) > 512 {
		return "", false
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(id, "="))
	if err != nil {
		raw, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(id, "="))
		if err != nil {
			return "", false
		}
	}
	want := idPrefix + kind + "/"
	s := string(raw)
	if !strings.HasPrefix(s, want) || len(s) == len(want) {
		return "", false
	}
	return s[len(want):], true
}

// parsePersonRef accepts a person id or, as Webex does, the bare uuid
// (design §5: "GET /people/{uuid} is accepted too").
func parsePersonRef(ref string) (string, bool) {
	if u, ok := parseID(kindPeople, ref); ok {
		return u, true
	}
	if _, err := uuid.Parse(ref); err == nil && len(ref) == 36 {
		return strings.ToLower(ref), true
	}
	return "", false
}

// idSource hands out deterministic uuids: the n-th uuid of a kind is the
// same on every run, so recorded ids and test expectations are repeatable.
// The counter is not rewound by Reset, so an id is never reused within one
// server's life.
type idSource struct {
	n atomic.Uint64
}

// idNamespace is the fixed name space of the fake's name-based (v5) uuids.
const idNamespace = "5c6a6b9e-7a43-4d0e-9f37-6d6f636b7765"

func (g *idSource) next(kind string) string {
	n := g.n.Add(1)
	return uuid.NewHash(sha1.New(), uuid.MustParse(idNamespace), []byte(fmt.Sprintf("%s/%d", kind, n)), 5).String()
}

// trackingID renders Webex's tracking id shape ("ROUTER_" + upper-case uuid).
func (g *idSource) trackingID() string {
	return "ROUTER_" + strings.ToUpper(g.next("tracking"))
}
