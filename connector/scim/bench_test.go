package scim

import "testing"

// design §7: filter evaluation and projection run once per listed resource, so
// their cost on a typical user bounds a list request's CPU time.

func BenchmarkFilterMatch(b *testing.B) {
	rs := testUserRS()
	user := res(b, typicalUser)
	for _, bc := range []struct{ name, filter string }{
		{"eq", `userName eq "barbara.jensen@example.com"`},
		{"valuePath", `emails[type eq "work" and value co "@example.com"]`},
		{"complex", `userType eq "person" and (emails co "example.com" or displayName sw "B") and not (active eq false) and meta.lastModified gt "2024-01-01T00:00:00Z"`},
	} {
		f, err := ParseFilter(bc.filter, rs)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if !f.Match(user) {
					b.Fatal("no match")
				}
			}
		})
	}
}

func BenchmarkParseFilter(b *testing.B) {
	rs := testUserRS()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseFilter(`emails[type eq "work" and value co "@example.com"] and active eq true`, rs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkProject(b *testing.B) {
	rs := testUserRS()
	user := res(b, typicalUser)
	for _, bc := range []struct {
		name            string
		attrs, excluded []string
	}{
		{"default", nil, nil},
		{"attributes", []string{"userName", "name.givenName", "emails.value"}, nil},
		{"excluded", nil, []string{"roles", "entitlements", "meta"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Project(user, rs, bc.attrs, bc.excluded)
			}
		})
	}
}

func BenchmarkApplyPatch(b *testing.B) {
	rs := testUserRS()
	user := res(b, typicalUser)
	ops, err := ParsePatch([]byte(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
		{"op":"Replace","path":"emails[type eq \"work\"].value","value":"x@example.com"},
		{"op":"replace","value":{"displayName":"B","name.givenName":"K","active":"False"}}]}`))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ApplyPatch(user, rs, ops); err != nil {
			b.Fatal(err)
		}
	}
}
