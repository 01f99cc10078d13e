package connector_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/internal/embedded"
)

// schemaSubject is one resource type of one connector configuration whose /Schemas document is
// checked against what the connector does (issue 16). A new kind of group is one more subject:
// the same checks, a connector constructed with that kind.
type schemaSubject struct {
	name     string
	start    func(t *testing.T) *target
	resource string // the ResourceType id: "User", "Group"
	// create is a body that creates a valid resource, made unique by tag.
	create func(f *subjectFixture, tag string) map[string]any
	// samples are values a client may write, by top-level attribute path: the schema says what
	// kind of value each attribute holds, not which values Webex accepts (a role id, a licence
	// id, a time zone), so the subject names one. An attribute without a sample is written
	// a generic value of its type. A sample that depends on the resource written to is a
	// func(resource gjson.Result) any.
	samples func(f *subjectFixture) map[string]any
}

// subjectFixture is what a subject's bodies may refer to: a target with a user, a role and a
// licence of its own.
type subjectFixture struct {
	tg                    *target
	userID, role, licence string
}

// schemaSubjects are Users and each kind of Group.
func schemaSubjects() []schemaSubject {
	subjects := []schemaSubject{{
		name: "User", resource: "User",
		start: func(t *testing.T) *target { return newTarget(t) },
		create: func(_ *subjectFixture, tag string) map[string]any {
			return map[string]any{
				"schemas": []string{userSchema}, "userName": "schema-" + tag + "@example.com",
				"name": map[string]any{"givenName": "Schema", "familyName": tag}, "displayName": "Schema " + tag,
			}
		},
		samples: func(f *subjectFixture) map[string]any {
			return map[string]any{
				"userName": func(cur gjson.Result) any { return "renamed-" + cur.Get("userName").String() },
				"name":     map[string]any{"givenName": "Gina", "familyName": "Sample"},
				// Webex keeps one address, the userName (emails follows it).
				"emails": func(cur gjson.Result) any {
					return []any{map[string]any{"value": cur.Get("userName").String(), "type": "work", "primary": true}}
				},
				"phoneNumbers":             []any{map[string]any{"value": "+1 555 0100", "type": "work"}},
				"timezone":                 "Europe/Paris",
				"active":                   false,
				"roles":                    []any{map[string]any{"value": f.role}},
				"entitlements":             []any{map[string]any{"value": f.licence}},
				"photos":                   []any{map[string]any{"value": "https://example.com/photo.png", "type": "photo", "primary": true}},
				enterpriseURN + ":manager": map[string]any{"value": f.userID},
			}
		},
	}}
	for _, kind := range []connector.GroupKind{connector.GroupKindTeams, connector.GroupKindGroups} {
		subjects = append(subjects, schemaSubject{
			name: "Group/" + string(kind), resource: "Group",
			start: func(t *testing.T) *target {
				return newTarget(t, func(o *embedded.Options) { o.GroupKind = kind })
			},
			create: func(f *subjectFixture, tag string) map[string]any {
				return map[string]any{
					"schemas": []string{groupSchemaURN}, "displayName": "schema-" + tag,
					"members": []any{map[string]any{"value": f.userID}},
				}
			},
			samples: func(f *subjectFixture) map[string]any {
				return map[string]any{"members": []any{map[string]any{"value": f.userID, "type": "User"}}}
			},
		})
	}
	return subjects
}

// TestSchemaCharacteristics reads /ResourceTypes and /Schemas and checks, attribute by attribute,
// that each characteristic RFC 7643 §2.2 and §7 define says what the connector does:
//
//	required         a create without it is 400; one without any other attribute of the base body succeeds
//	mutability       readWrite: a value written is kept; readOnly (also inside a written parent):
//	                 a value sent is never stored; immutable: an existing value cannot be replaced
//	returned         always: kept by attributes and excludedAttributes; default: shown, and left
//	                 out by excludedAttributes; request: only when asked; never: never shown
//	uniqueness       server: a second resource with the same value is 409 uniqueness; none: allowed
//	canonicalValues  every value answered is one of them; each written is kept as written
func TestSchemaCharacteristics(t *testing.T) {
	for _, sub := range schemaSubjects() {
		t.Run(sub.name, func(t *testing.T) {
			tg := sub.start(t)
			f := &subjectFixture{tg: tg, userID: tg.createUser("schema-member@example.com", "Member", "Schema")}
			f.role = tg.do(http.MethodGet, "/scim/v2/Roles", nil).JSON.Get("Resources.0.id").String()
			f.licence = tg.do(http.MethodGet, "/scim/v2/Profiles", nil).JSON.Get("Resources.0.id").String()
			rt := tg.do(http.MethodGet, "/scim/v2/ResourceTypes/"+sub.resource, nil)
			require.Equal(t, http.StatusOK, rt.Status, string(rt.Body))
			endpoint := "/scim/v2" + rt.JSON.Get("endpoint").String()
			urns := []string{rt.JSON.Get("schema").String()}
			for _, e := range rt.JSON.Get("schemaExtensions.#.schema").Array() {
				urns = append(urns, e.String())
			}
			c := &characteristics{t: t, f: f, sub: sub, endpoint: endpoint, samples: sub.samples(f)}
			for i, urn := range urns {
				doc := tg.do(http.MethodGet, "/scim/v2/Schemas/"+url.PathEscape(urn), nil)
				require.Equal(t, http.StatusOK, doc.Status, string(doc.Body))
				prefix := ""
				if i > 0 {
					prefix = urn + ":"
				}
				for _, a := range doc.JSON.Get("attributes").Array() {
					c.check(prefix, a)
				}
			}
		})
	}
}

// characteristics checks the attributes of one subject.
type characteristics struct {
	t        *testing.T
	f        *subjectFixture
	sub      schemaSubject
	endpoint string
	samples  map[string]any
	n        int
}

// fresh creates a resource of the subject and returns its id.
func (c *characteristics) fresh(t *testing.T) string {
	c.n++
	r := c.f.tg.do(http.MethodPost, c.endpoint, c.sub.create(c.f, "r"+itoa(c.n)))
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	return r.JSON.Get("id").String()
}

func (c *characteristics) get(t *testing.T, id, query string) gjson.Result {
	r := c.f.tg.do(http.MethodGet, c.endpoint+"/"+id+query, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	return r.JSON
}

func (c *characteristics) replace(id, path string, v any) response {
	return c.f.tg.do(http.MethodPatch, c.endpoint+"/"+id, map[string]any{
		"schemas": []string{patchOpURN}, "Operations": []map[string]any{{"op": "replace", "path": path, "value": v}},
	})
}

// at is the gjson path of an attribute path (dots of an extension URN escaped).
func at(path string) string {
	if i := strings.LastIndex(path, ":"); i >= 0 {
		return strings.ReplaceAll(path[:i], ".", `\.`) + "." + path[i+1:]
	}
	return path
}

// sample is a value of attribute a for path to write to the resource id: the subject's, else a
// generic one of its type.
func (c *characteristics) sample(t *testing.T, id, path string, a gjson.Result) (any, bool) {
	if v, ok := c.samples[path]; ok {
		if fn, ok := v.(func(gjson.Result) any); ok {
			return fn(c.get(t, id, "")), true
		}
		return v, true
	}
	if a.Get("multiValued").Bool() {
		return nil, false
	}
	switch a.Get("type").String() {
	case "string":
		return "Sample " + a.Get("name").String(), true
	case "boolean":
		return true, true
	}
	return nil, false
}

func (c *characteristics) check(prefix string, a gjson.Result) {
	path := prefix + a.Get("name").String()
	c.t.Run(path, func(t *testing.T) {
		c.required(t, path, a)
		c.mutability(t, path, a)
		c.returned(t, path, a)
		c.uniqueness(t, path, a)
		c.canonical(t, path, a)
	})
}

func (c *characteristics) required(t *testing.T, path string, a gjson.Result) {
	body := c.sub.create(c.f, "req"+itoa(c.n))
	c.n++
	if _, inBase := body[path]; !inBase {
		assert.False(t, a.Get("required").Bool(), "a required attribute is in every create body")
		return
	}
	delete(body, path)
	r := c.f.tg.do(http.MethodPost, c.endpoint, body)
	if a.Get("required").Bool() {
		requireSCIMError(t, r, http.StatusBadRequest, r.JSON.Get("scimType").String())
		assert.Contains(t, strings.ToLower(r.JSON.Get("detail").String()), strings.ToLower(a.Get("name").String()), "the error names the required attribute")
		return
	}
	assert.Equal(t, http.StatusCreated, r.Status, "required is false, yet a create without %s fails: %s", path, r.Body)
}

func (c *characteristics) mutability(t *testing.T, path string, a gjson.Result) {
	switch a.Get("mutability").String() {
	case "readWrite":
		id := c.fresh(t)
		v, ok := c.sample(t, id, path, a)
		if !ok {
			t.Logf("%s: no sample value; mutability not exercised", path)
			return
		}
		r := c.replace(id, path, v)
		require.Equal(t, http.StatusOK, r.Status, "readWrite, yet replacing %s fails: %s", path, r.Body)
		got := c.get(t, id, "").Get(at(path))
		assert.True(t, holds(got.Value(), v), "readWrite, yet %s is %s after writing %v", path, got.Raw, v)
		c.readOnlySubs(t, id, path, a, v)
	case "readOnly":
		id := c.fresh(t)
		before := c.get(t, id, "").Get(at(path)).Raw
		r := c.replace(id, path, bogus(a))
		if r.Status != http.StatusOK {
			requireSCIMError(t, r, r.Status, r.JSON.Get("scimType").String())
		}
		assert.Equal(t, before, c.get(t, id, "").Get(at(path)).Raw, "readOnly, yet a value sent for %s was stored", path)
	case "immutable":
		t.Logf("%s: immutable at the top level is not exercised", path)
	default:
		t.Errorf("%s: mutability %q is not one of RFC 7643 §7's", path, a.Get("mutability").String())
	}
}

// readOnlySubs checks the sub-attributes of a written complex value: a readOnly one sent with
// the value is not stored; an immutable one cannot be replaced once set.
func (c *characteristics) readOnlySubs(t *testing.T, id, path string, a gjson.Result, v any) {
	for _, sa := range a.Get("subAttributes").Array() {
		name := sa.Get("name").String()
		switch sa.Get("mutability").String() {
		case "readOnly":
			sent := withSub(v, name, "Bogus "+name)
			r := c.replace(id, path, sent)
			if r.Status == http.StatusOK {
				assert.NotContains(t, c.get(t, id, "").Get(at(path)).Raw, "Bogus "+name, "readOnly, yet %s.%s was stored", path, name)
			}
		case "immutable":
			cur := c.get(t, id, "").Get(at(path))
			first := cur.Get("0." + name).String()
			if !a.Get("multiValued").Bool() || first == "" {
				continue
			}
			r := c.replace(id, path+`[`+name+` eq "`+first+`"].`+name, "changed-"+first)
			assert.Equal(t, http.StatusBadRequest, r.Status, "%s.%s is immutable, yet replacing it answers %s", path, name, r.Body)
			assert.Contains(t, c.get(t, id, "").Get(at(path)).Raw, first, "%s.%s is immutable, yet it changed", path, name)
		}
	}
}

func (c *characteristics) returned(t *testing.T, path string, a gjson.Result) {
	id := c.fresh(t)
	if v, ok := c.sample(t, id, path, a); ok && a.Get("mutability").String() == "readWrite" {
		require.Equal(t, http.StatusOK, c.replace(id, path, v).Status)
	}
	def := c.get(t, id, "").Get(at(path))
	excluded := c.get(t, id, "?excludedAttributes="+url.QueryEscape(path)).Get(at(path))
	other := c.get(t, id, "?attributes=meta").Get(at(path))
	switch a.Get("returned").String() {
	case "always":
		assert.True(t, def.Exists() && excluded.Exists() && other.Exists(), "%s is returned always", path)
	case "default":
		if !def.Exists() {
			t.Logf("%s holds no value on this resource; returned default not exercised", path)
			return
		}
		assert.False(t, excluded.Exists(), "%s is returned by default, yet excludedAttributes does not remove it", path)
		assert.False(t, other.Exists(), "%s is returned by default, yet attributes=meta keeps it", path)
	case "request":
		assert.False(t, def.Exists(), "%s is returned on request only", path)
	case "never":
		assert.False(t, def.Exists() || other.Exists(), "%s is returned never", path)
	default:
		t.Errorf("%s: returned %q is not one of RFC 7643 §7's", path, a.Get("returned").String())
	}
}

func (c *characteristics) uniqueness(t *testing.T, path string, a gjson.Result) {
	if a.Get("type").String() != "string" || a.Get("mutability").String() != "readWrite" {
		return
	}
	first := c.sub.create(c.f, "uniq"+itoa(c.n))
	c.n++
	v, ok := first[path].(string)
	if !ok {
		return
	}
	second := c.sub.create(c.f, "uniq"+itoa(c.n))
	c.n++
	second[path] = strings.ToUpper(v) // uniqueness compares as the attribute compares: userName is caseExact false
	r1 := c.f.tg.do(http.MethodPost, c.endpoint, first)
	require.Equal(t, http.StatusCreated, r1.Status, string(r1.Body))
	r2 := c.f.tg.do(http.MethodPost, c.endpoint, second)
	switch a.Get("uniqueness").String() {
	case "server", "global":
		if a.Get("caseExact").Bool() {
			return
		}
		requireSCIMError(t, r2, http.StatusConflict, "uniqueness")
	default:
		assert.Equal(t, http.StatusCreated, r2.Status, "%s has uniqueness none, yet a second resource with the same value fails: %s", path, r2.Body)
	}
}

// canonical checks canonicalValues: what the connector answers is among them, and each value a
// client may write is kept as written.
func (c *characteristics) canonical(t *testing.T, path string, a gjson.Result) {
	check := func(name string, attr gjson.Result, parentMulti bool) {
		values := attr.Get("canonicalValues").Array()
		if len(values) == 0 {
			return
		}
		var canon []string
		for _, v := range values {
			canon = append(canon, v.String())
		}
		id := c.fresh(t)
		v, ok := c.sample(t, id, path, a)
		if ok && a.Get("mutability").String() == "readWrite" {
			require.Equal(t, http.StatusOK, c.replace(id, path, v).Status)
		}
		sel := at(path)
		if name != "" {
			sel += map[bool]string{true: ".#.", false: "."}[parentMulti] + name
		}
		for _, got := range gjsonStrings(c.get(t, id, "").Get(sel)) {
			assert.Contains(t, canon, got, "%s answers %q, which its canonicalValues %v do not list", path, got, canon)
		}
		if !ok || a.Get("mutability").String() != "readWrite" || attr.Get("mutability").String() != "readWrite" && attr.Get("mutability").String() != "immutable" {
			return
		}
		for _, cv := range canon {
			sent := v
			if name != "" {
				sent = withSub(v, name, cv)
			} else {
				sent = cv
			}
			r := c.replace(id, path, sent)
			if !assert.Equal(t, http.StatusOK, r.Status, "%s: writing the canonical value %q fails: %s", path, cv, r.Body) {
				continue
			}
			assert.Contains(t, gjsonStrings(c.get(t, id, "").Get(sel)), cv, "%s: the canonical value %q was not kept", path, cv)
		}
	}
	check("", a, false)
	for _, sa := range a.Get("subAttributes").Array() {
		check(sa.Get("name").String(), sa, a.Get("multiValued").Bool())
	}
}

func gjsonStrings(r gjson.Result) []string {
	if !r.Exists() {
		return nil
	}
	if r.IsArray() {
		var out []string
		for _, e := range r.Array() {
			out = append(out, e.String())
		}
		return out
	}
	return []string{r.String()}
}

// withSub is v (a complex value, or a list of them) with sub set to s in each.
func withSub(v any, sub string, s any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			out[k] = e
		}
		out[sub] = s
		return out
	case []any:
		out := make([]any, 0, len(v))
		for _, e := range v {
			out = append(out, withSub(e, sub, s))
		}
		return out
	}
	return v
}

// bogus is a value of a's type that no resource holds.
func bogus(a gjson.Result) any {
	switch a.Get("type").String() {
	case "boolean":
		return true
	case "complex":
		v := map[string]any{}
		for _, sa := range a.Get("subAttributes").Array() {
			if sa.Get("type").String() == "string" {
				v[sa.Get("name").String()] = "Bogus " + sa.Get("name").String()
			}
		}
		if a.Get("multiValued").Bool() {
			return []any{v}
		}
		return v
	case "integer", "decimal":
		return 987654
	}
	return "Bogus " + a.Get("name").String()
}

// holds reports whether got holds what was sent: the same scalar (strings without regard to
// case: Webex lower-cases addresses), every key of a sent object, every element of a sent list in
// some element of got.
func holds(got, sent any) bool {
	switch s := sent.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return false
		}
		for k, v := range s {
			if !holds(g[k], v) {
				return false
			}
		}
		return true
	case []any:
		g, ok := got.([]any)
		if !ok {
			return false
		}
		for _, v := range s {
			if !slices.ContainsFunc(g, func(e any) bool { return holds(e, v) }) {
				return false
			}
		}
		return true
	case string:
		g, ok := got.(string)
		return ok && strings.EqualFold(g, s)
	case int:
		g, ok := got.(float64)
		return ok && g == float64(s)
	}
	return got == sent
}
