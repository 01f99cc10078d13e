package connector

import (
	"slices"

	"github.com/webex-scim/webex-scim/connector/webex"
)

// personUnchanged reports whether want, the person a PUT or PATCH would send (personFromUser),
// holds what Webex holds already (cur): every field the request body carries, Extra member by
// member and byte for byte (user_directory.go writes a directory field only when its value
// changed). Identity providers resend the same PATCH or PUT on every sync cycle; each write would
// cost a Webex call against the rate limit and move lastModified, telling the client the user
// changed when it did not (issue 11 item 3). Roles and licences are sets to Webex (their order
// is not kept, sameSet). Webex sets nickName to firstName on every update (WX08), so a request
// without a nickName (Okta's PUT leaves a null one out) asks for nothing Webex would keep, and is
// no change on its own; a request for another nickName is a change, and the answer shows what
// Webex kept.
func personUnchanged(cur, want *webex.Person) bool {
	return cur.DisplayName == want.DisplayName && (want.NickName == "" || cur.NickName == want.NickName) &&
		cur.FirstName == want.FirstName && cur.LastName == want.LastName && cur.Avatar == want.Avatar &&
		cur.OrgID == want.OrgID && cur.Timezone == want.Timezone &&
		slices.Equal(cur.Emails, want.Emails) && sameSet(cur.Roles, want.Roles) && sameSet(cur.Licenses, want.Licenses) &&
		sameBool(cur.LoginEnabled, want.LoginEnabled) && extraEqual(cur.Extra, want.Extra)
}

// sameBool compares two optional booleans.
func sameBool(a, b *bool) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
