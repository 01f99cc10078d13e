package connector_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/internal/embedded"
)

// RFC 7643 §3.1 (issue 16): every Group carries meta.lastModified — created until it changes —
// and version and lastModified move together: adding a member (a time Webex keeps) moves both;
// a rename moves the version only (Webex keeps no time for it); lastModified never moves alone.
func TestGroupLastModifiedMovesWithVersion(t *testing.T) {
	clock := &settableClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	tg := newTarget(t, func(o *embedded.Options) { o.Now = clock.Now })
	ann := tg.createUser("meta-ann@example.com", "Ann", "Meta")
	bob := tg.createUser("meta-bob@example.com", "Bob", "Meta")
	r := tg.do(http.MethodPost, "/scim/v2/Groups", map[string]any{
		"schemas": []string{groupSchemaURN}, "displayName": "meta-team", "members": []map[string]any{{"value": ann}},
	})
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	id := r.JSON.Get("id").String()
	created := r.JSON.Get("meta.created").String()
	require.NotEmpty(t, created)
	assert.Equal(t, created, r.JSON.Get("meta.lastModified").String(), "a group never changed: lastModified is created")
	v0 := r.JSON.Get("meta.version").String()

	read := func(query string) (lastModified, version string) {
		g := tg.do(http.MethodGet, "/scim/v2/Groups/"+id+query, nil)
		require.Equal(t, http.StatusOK, g.Status, string(g.Body))
		return g.JSON.Get("meta.lastModified").String(), g.JSON.Get("meta.version").String()
	}
	lm, v := read("")
	assert.Equal(t, created, lm)
	assert.Equal(t, v0, v)
	lm, _ = read("?excludedAttributes=members")
	assert.Equal(t, created, lm, "an answer without members still carries lastModified")

	clock.Advance(time.Hour)
	add := tg.do(http.MethodPatch, "/scim/v2/Groups/"+id, map[string]any{
		"schemas":    []string{patchOpURN},
		"Operations": []map[string]any{{"op": "add", "path": "members", "value": []map[string]any{{"value": bob}}}},
	})
	require.Equal(t, http.StatusOK, add.Status, string(add.Body))
	lm1, v1 := read("")
	assert.Equal(t, add.JSON.Get("meta.lastModified").String(), lm1)
	createdAt, err := time.Parse(time.RFC3339, created)
	require.NoError(t, err)
	movedAt, err := time.Parse(time.RFC3339, lm1)
	require.NoError(t, err)
	assert.Equal(t, time.Hour, movedAt.Sub(createdAt), "adding a member moves lastModified to when Webex added it")
	assert.NotEqual(t, v0, v1, "… and the version with it")

	// A filter on meta.lastModified sees the moved time (members are read to evaluate it).
	f := url.QueryEscape(`displayName eq "meta-team" and meta.lastModified gt "` + created + `"`)
	list := tg.do(http.MethodGet, "/scim/v2/Groups?excludedAttributes=members&filter="+f, nil)
	require.Equal(t, http.StatusOK, list.Status, string(list.Body))
	assert.Equal(t, int64(1), list.JSON.Get("totalResults").Int())

	// Removing bob and adding him back later: the member set is the same, yet both move.
	for _, op := range []map[string]any{
		{"op": "remove", "path": `members[value eq "` + bob + `"]`},
		{"op": "add", "path": "members", "value": []map[string]any{{"value": bob}}},
	} {
		clock.Advance(time.Hour)
		r := tg.do(http.MethodPatch, "/scim/v2/Groups/"+id, map[string]any{"schemas": []string{patchOpURN}, "Operations": []map[string]any{op}})
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	}
	lm2, v2 := read("")
	assert.NotEqual(t, lm1, lm2)
	assert.NotEqual(t, v1, v2)

	// A rename: Webex records no time for it, so only the version moves.
	ren := tg.do(http.MethodPatch, "/scim/v2/Groups/"+id, map[string]any{
		"schemas": []string{patchOpURN}, "Operations": []map[string]any{{"op": "replace", "path": "displayName", "value": "meta-renamed"}},
	})
	require.Equal(t, http.StatusOK, ren.Status, string(ren.Body))
	lm3, v3 := read("")
	assert.Equal(t, lm2, lm3)
	assert.NotEqual(t, v2, v3)
}

// Every Group carries meta.lastModified, whatever the group kind, and a change that moves it
// moves the version too (issue 16).
func TestEveryGroupKindCarriesLastModified(t *testing.T) {
	for _, kind := range []connector.GroupKind{connector.GroupKindTeams, connector.GroupKindGroups} {
		t.Run(string(kind), func(t *testing.T) {
			clock := &settableClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
			tg := newTarget(t, func(o *embedded.Options) { o.Now, o.GroupKind = clock.Now, kind })
			ann := tg.createUser("kind-ann@example.com", "Ann", "Kind")
			r := tg.do(http.MethodPost, "/scim/v2/Groups", map[string]any{"schemas": []string{groupSchemaURN}, "displayName": "kind-team"})
			require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
			id := r.JSON.Get("id").String()
			assert.Equal(t, r.JSON.Get("meta.created").String(), r.JSON.Get("meta.lastModified").String())
			for _, q := range []string{"", "?excludedAttributes=members"} {
				g := tg.do(http.MethodGet, "/scim/v2/Groups/"+id+q, nil)
				assert.True(t, g.JSON.Get("meta.lastModified").Exists(), "GET %s carries lastModified", q)
			}
			clock.Advance(time.Hour)
			p := tg.do(http.MethodPatch, "/scim/v2/Groups/"+id, map[string]any{
				"schemas":    []string{patchOpURN},
				"Operations": []map[string]any{{"op": "add", "path": "members", "value": []map[string]any{{"value": ann}}}},
			})
			require.Equal(t, http.StatusOK, p.Status, string(p.Body))
			assert.NotEqual(t, r.JSON.Get("meta.lastModified").String(), p.JSON.Get("meta.lastModified").String(), "adding a member moves lastModified")
			assert.NotEqual(t, r.JSON.Get("meta.version").String(), p.JSON.Get("meta.version").String(), "… and the version")
		})
	}
}
