package scim

import (
	"encoding/json"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestProject_RFC7644_3_9(t *testing.T) {
	rs := testUserRS()
	user := res(t, typicalUser)
	user[testKitchen] = map[string]any{"secret": "s3cr3t", "audit": "seen", "code": "c1"}

	tests := []struct {
		name      string
		attrs     []string
		excluded  []string
		wantKeys  []string
		wantExtra func(t *testing.T, got Resource)
	}{
		{
			name: "default: everything but returned never and request",
			wantKeys: []string{"active", "displayName", "emails", "entitlements", "id", "meta", "name", "nickName", "photos", "roles", "schemas",
				"timezone", "urn:example:params:scim:schemas:kitchen:2.0:User", "urn:scim:schemas:extension:webex:2.0:User", "userName", "userType"},
			wantExtra: func(t *testing.T, got Resource) {
				assert.Equal(t, map[string]any{"code": "c1"}, got[testKitchen], "never (secret) and request (audit) are not returned by default")
			},
		},
		{
			name:     "attributes: id and schemas always come back",
			attrs:    []string{"userName"},
			wantKeys: []string{"id", "schemas", "userName"},
		},
		{
			name:     "attributes: case-insensitive and URN-prefixed",
			attrs:    []string{"USERNAME", "urn:ietf:params:scim:schemas:core:2.0:User:displayName"},
			wantKeys: []string{"displayName", "id", "schemas", "userName"},
		},
		{
			name:     "attributes: a sub-attribute",
			attrs:    []string{"name.givenName", "emails.value"},
			wantKeys: []string{"emails", "id", "name", "schemas"},
			wantExtra: func(t *testing.T, got Resource) {
				assert.Equal(t, map[string]any{"givenName": "Barbara"}, got["name"])
				assert.Equal(t, []any{map[string]any{"value": "Barbara.Jensen@Example.com"}}, got["emails"])
			},
		},
		{
			name:     "attributes: a whole complex attribute",
			attrs:    []string{"name"},
			wantKeys: []string{"id", "name", "schemas"},
			wantExtra: func(t *testing.T, got Resource) {
				assert.Len(t, got["name"], 3)
			},
		},
		{
			name:     "attributes: an extension attribute",
			attrs:    []string{"urn:scim:schemas:extension:webex:2.0:User:status"},
			wantKeys: []string{"id", "schemas", testWebexExt},
			wantExtra: func(t *testing.T, got Resource) {
				assert.Equal(t, map[string]any{"status": "active"}, got[testWebexExt])
			},
		},
		{
			name:     "attributes: a whole extension by its URN",
			attrs:    []string{testWebexExt},
			wantKeys: []string{"id", "schemas", testWebexExt},
			wantExtra: func(t *testing.T, got Resource) {
				assert.Len(t, got[testWebexExt], 2)
			},
		},
		{
			name:     "attributes: returned request only when asked; never never",
			attrs:    []string{testKitchen + ":audit", testKitchen + ":secret"},
			wantKeys: []string{"id", "schemas", testKitchen},
			wantExtra: func(t *testing.T, got Resource) {
				assert.Equal(t, map[string]any{"audit": "seen"}, got[testKitchen])
			},
		},
		{
			name:     "attributes: unknown names are ignored",
			attrs:    []string{"shoeSize", "members"},
			wantKeys: []string{"id", "schemas"},
		},
		{
			name:     "attributes: meta sub-attribute",
			attrs:    []string{"meta.lastModified"},
			wantKeys: []string{"id", "meta", "schemas"},
			wantExtra: func(t *testing.T, got Resource) {
				assert.Equal(t, map[string]any{"lastModified": "2024-06-01T10:00:00Z"}, got["meta"])
			},
		},
		{
			name:     "excludedAttributes: removes from the default set",
			excluded: []string{"emails", "name.formatted", "meta", testKitchen},
			wantKeys: []string{"active", "displayName", "entitlements", "id", "name", "nickName", "photos", "roles", "schemas", "timezone", testWebexExt, "userName", "userType"},
			wantExtra: func(t *testing.T, got Resource) {
				assert.Equal(t, map[string]any{"familyName": "Jensen", "givenName": "Barbara"}, got["name"])
			},
		},
		{
			name:     "excludedAttributes: id and schemas cannot be excluded (returned always)",
			excluded: []string{"id", "schemas", "userName"},
			wantKeys: []string{"active", "displayName", "emails", "entitlements", "id", "meta", "name", "nickName", "photos", "roles", "schemas", "timezone", testKitchen, testWebexExt, "userType"},
		},
		{
			name:     "excludedAttributes: sub-attribute of a multi-valued attribute",
			excluded: []string{"emails.type", "emails.primary", "EMAILS.VALUE"},
			wantKeys: []string{"active", "displayName", "entitlements", "id", "meta", "name", "nickName", "photos", "roles", "schemas", "timezone", testKitchen, testWebexExt, "userName", "userType"},
		},
		{
			name:     "excludedAttributes: an extension attribute, the extension stays",
			excluded: []string{testWebexExt + ":organization"},
			wantKeys: []string{"active", "displayName", "emails", "entitlements", "id", "meta", "name", "nickName", "photos", "roles", "schemas", "timezone", testKitchen, testWebexExt, "userName", "userType"},
			wantExtra: func(t *testing.T, got Resource) {
				assert.Equal(t, map[string]any{"status": "active"}, got[testWebexExt])
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before, err := json.Marshal(user)
			require.NoError(t, err)
			got := Project(user, rs, tc.attrs, tc.excluded)
			assert.Equal(t, tc.wantKeys, keys(got))
			if tc.wantExtra != nil {
				tc.wantExtra(t, got)
			}
			after, err := json.Marshal(user)
			require.NoError(t, err)
			assert.JSONEq(t, string(before), string(after), "Project does not modify its input")
		})
	}
}

func TestProjectGroups(t *testing.T) {
	rs := testGroupRS()
	g := res(t, typicalGroup)

	// Entra asks for groups with excludedAttributes=members (design §3.5).
	got := Project(g, rs, nil, []string{"members"})
	assert.Equal(t, []string{"displayName", "id", "meta", "schemas"}, keys(got))

	got = Project(g, rs, []string{"members.value"}, nil)
	assert.Equal(t, []any{map[string]any{"value": "user-a"}, map[string]any{"value": "user-b"}}, got["members"])

	got = Project(g, rs, nil, nil)
	assert.Equal(t, g, got)
	// The copy is deep: changing it leaves the input alone.
	got["members"].([]any)[0].(map[string]any)["value"] = "changed"
	assert.Equal(t, "user-a", g["members"].([]any)[0].(map[string]any)["value"])

	// A group with no members keeps its empty list in the default set.
	empty := res(t, `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"t","displayName":"x","members":[]}`)
	assert.Equal(t, []any{}, Project(empty, rs, nil, nil)["members"])
}

func TestProjectKeepsUnknownKeysOnlyByDefault(t *testing.T) {
	rs := testGroupRS()
	r := Resource{"id": "1", "displayName": "x", "x-debug": "y"}
	assert.Contains(t, Project(r, rs, nil, nil), "x-debug")
	assert.NotContains(t, Project(r, rs, []string{"displayName"}, nil), "x-debug")
}
