package connector_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// PATCH /Groups (RFC 7644 §3.5.2, design §3.6) in the shapes Entra and Okta send, checked against
// what Webex holds afterwards.
func TestPatchGroup(t *testing.T) {
	type people struct{ admin, carol, dave, ivan, judy string }
	tests := []struct {
		name string
		ops  func(eng string, p people) []string
		// name and members (without the admin) Webex holds afterwards
		wantName    string
		wantMembers func(before []string, p people) []string
		// wantWrites is the number of Webex writes (renames and membership changes)
		wantWrites int
	}{
		{
			name: `Entra: "Add" members with $ref null`,
			ops: func(_ string, p people) []string {
				return []string{`{"op":"Add","path":"members","value":[{"$ref":null,"value":"` + p.ivan + `"}]}`}
			},
			wantName:    "Engineering",
			wantMembers: func(b []string, p people) []string { return sorted(append(b, p.ivan)...) },
			wantWrites:  1,
		},
		{
			name: "Entra: batched adds in one request",
			ops: func(_ string, p people) []string {
				return []string{
					`{"op":"Add","path":"members","value":[{"value":"` + p.ivan + `"}]}`,
					`{"op":"Add","path":"members","value":[{"value":"` + p.judy + `"}]}`,
				}
			},
			wantName:    "Engineering",
			wantMembers: func(b []string, p people) []string { return sorted(append(b, p.ivan, p.judy)...) },
			wantWrites:  2,
		},
		{
			name: `Entra: "Remove" members with a value list`,
			ops: func(_ string, p people) []string {
				return []string{`{"op":"Remove","path":"members","value":[{"value":"` + p.carol + `"}]}`}
			},
			wantName:    "Engineering",
			wantMembers: func(b []string, p people) []string { return slicesDelete(b, p.carol) },
			wantWrites:  1,
		},
		{
			name: `filtered remove: members[value eq "…"]`,
			ops: func(_ string, p people) []string {
				return []string{`{"op":"remove","path":"members[value eq \"` + p.dave + `\"]"}`}
			},
			wantName:    "Engineering",
			wantMembers: func(b []string, p people) []string { return slicesDelete(b, p.dave) },
			wantWrites:  1,
		},
		{
			name: "removing a member who is not there succeeds and changes nothing",
			ops: func(_ string, p people) []string {
				return []string{`{"op":"remove","path":"members[value eq \"` + p.ivan + `\"]"}`}
			},
			wantName:    "Engineering",
			wantMembers: func(b []string, _ people) []string { return b },
		},
		{
			name: "Okta: path-less replace with id and displayName renames and keeps the members",
			ops: func(eng string, _ people) []string {
				return []string{`{"op":"replace","value":{"id":"` + eng + `","displayName":"Platform"}}`}
			},
			wantName:    "Platform",
			wantMembers: func(b []string, _ people) []string { return b },
			wantWrites:  1,
		},
		{
			name: `Entra: "Replace" displayName by path`,
			ops: func(string, people) []string {
				return []string{`{"op":"Replace","path":"displayName","value":"Platform"}`}
			},
			wantName:    "Platform",
			wantMembers: func(b []string, _ people) []string { return b },
			wantWrites:  1,
		},
		{
			name: "URN-qualified path",
			ops: func(string, people) []string {
				return []string{`{"op":"replace","path":"` + groupSchema + `:displayName","value":"Platform"}`}
			},
			wantName:    "Platform",
			wantMembers: func(b []string, _ people) []string { return b },
			wantWrites:  1,
		},
		{
			name: "path-less add of members",
			ops: func(_ string, p people) []string {
				return []string{`{"op":"add","value":{"members":[{"value":"` + p.ivan + `"}]}}`}
			},
			wantName:    "Engineering",
			wantMembers: func(b []string, p people) []string { return sorted(append(b, p.ivan)...) },
			wantWrites:  1,
		},
		{
			name: "Okta: replace members with the full list",
			ops: func(_ string, p people) []string {
				return []string{`{"op":"replace","path":"members","value":[{"value":"` + p.dave + `","display":"x"},{"value":"` + p.ivan + `"}]}`}
			},
			wantName:    "Engineering",
			wantMembers: func(_ []string, p people) []string { return sorted(p.dave, p.ivan) },
			wantWrites:  1 + 5, // Ivan in; Carol, Erin, Frank, Grace, Heidi out
		},
		{
			name: "op names in any case",
			ops: func(_ string, p people) []string {
				return []string{
					`{"op":"ADD","path":"members","value":[{"value":"` + p.ivan + `"}]}`,
					`{"op":"rEmOvE","path":"members[value eq \"` + p.carol + `\"]"}`,
				}
			},
			wantName:    "Engineering",
			wantMembers: func(b []string, p people) []string { return slicesDelete(sorted(append(b, p.ivan)...), p.carol) },
			wantWrites:  2,
		},
		{
			name:        "remove of every member keeps the team (WX05)",
			ops:         func(string, people) []string { return []string{`{"op":"remove","path":"members"}`} },
			wantName:    "Engineering",
			wantMembers: func([]string, people) []string { return nil },
			wantWrites:  6,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tg := newTarget(t)
			eng := tg.seededTeam("Engineering")
			p := people{
				admin: tg.adminID(), carol: tg.personID("carol.chen@example.com"), dave: tg.personID("dave.dubois@example.com"),
				ivan: tg.personID("ivan.ivanov@example.com"), judy: tg.personID("judy.jones@example.com"),
			}
			before := slicesDelete(tg.memberIDs(eng), p.admin)
			tg.fake().ClearRequests()
			r := tg.do(http.MethodPatch, "/scim/v2/Groups/"+eng, patch(tc.ops(eng, p)...))
			require.Equal(t, http.StatusOK, r.Status, string(r.Body))

			want := tc.wantMembers(before, p)
			assert.Equal(t, tc.wantName, r.JSON.Get("displayName").String())
			assert.Equal(t, want, members(r), "the answer shows the members Webex holds")
			team, ok := tg.team(eng)
			require.True(t, ok)
			assert.Equal(t, tc.wantName, team.Name)
			assert.Equal(t, sorted(append(want, p.admin)...), tg.memberIDs(eng))
			assert.True(t, tg.memberships(eng)[p.admin].IsModerator, "the consenting account is untouched")
			assert.Len(t, tg.writeRequests(), tc.wantWrites, "%v", tg.writeRequests())
		})
	}
}

// RFC 7644 §3.5.2: a PATCH is atomic. One that cannot apply is refused whole, before anything
// is sent to Webex.
func TestPatchGroupRefusedWhole(t *testing.T) {
	tg := newTarget(t)
	eng := tg.seededTeam("Engineering")
	ivan := tg.personID("ivan.ivanov@example.com")
	before := tg.memberIDs(eng)
	for _, tc := range []struct {
		name, scimType string
		ops            []string
	}{
		{"replace whose filter matches no member is noTarget (RFC 7644 §3.5.2.3)", "noTarget", []string{
			`{"op":"replace","path":"displayName","value":"Renamed"}`,
			`{"op":"add","path":"members","value":[{"value":"` + ivan + `"}]}`,
			`{"op":"replace","path":"members[value eq \"nobody\"]","value":{"value":"` + ivan + `"}}`,
		}},
		{"an unknown attribute", "invalidPath", []string{
			`{"op":"add","path":"members","value":[{"value":"` + ivan + `"}]}`,
			`{"op":"replace","path":"nickName","value":"x"}`,
		}},
		{"removing the required displayName", "mutability", []string{`{"op":"remove","path":"displayName"}`}},
		{"an empty displayName", "invalidValue", []string{`{"op":"replace","path":"displayName","value":""}`}},
		{"an unknown op", "invalidSyntax", []string{`{"op":"merge","path":"displayName","value":"x"}`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tg.fake().ClearRequests()
			r := tg.do(http.MethodPatch, "/scim/v2/Groups/"+eng, patch(tc.ops...))
			requireSCIMError(t, r, http.StatusBadRequest, tc.scimType)
			assert.Empty(t, tg.writeRequests(), "nothing was sent to Webex")
		})
	}
	team, _ := tg.team(eng)
	assert.Equal(t, "Engineering", team.Name)
	assert.Equal(t, before, tg.memberIDs(eng))

	t.Run("unknown group is 404", func(t *testing.T) {
		r := tg.do(http.MethodPatch, "/scim/v2/Groups/nope", patch(`{"op":"replace","path":"displayName","value":"x"}`))
		requireSCIMError(t, r, http.StatusNotFound, "")
	})

	t.Run("the answer honours excludedAttributes=members", func(t *testing.T) {
		r := tg.do(http.MethodPatch, "/scim/v2/Groups/"+eng+"?excludedAttributes=members", patch(`{"op":"add","path":"members","value":[{"value":"`+ivan+`"}]}`))
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		assert.False(t, r.JSON.Get("members").Exists())
		assert.Contains(t, tg.memberIDs(eng), ivan)
	})
}
