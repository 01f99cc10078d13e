package webex

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

var validJSONCases = []string{
	``, ` `, `{}`, ` {} `, `[]`, `[1,2]`, `[1,]`, `[,1]`, `{"a":1,}`, `{"a" 1}`, `{"a":}`, `{1:2}`, `{"a":1 "b":2}`,
	`"x"`, `"\u00e9\ud800\/\b\f\n\r\t\"\\"`, `"\x"`, `"\u12"`, `"\u12g4"`, "\"tab\tin\"", "\"\x7f\xff\xfe\"", `"open`,
	`0`, `-0`, `01`, `-`, `1.`, `1.5`, `.5`, `1e5`, `1E+5`, `1e-5`, `1e`, `1e+`, `-1.5e-3`, `1.5e3.2`, `12a`,
	`true`, `false`, `null`, `tru`, `nul`, `truex`, `[true,false,null]`, `[truex]`, `{"a":nullx}`,
	`{"a":[{"b":{"c":[]}}]}`, `{"a":[{"b":{"c":[}}]}`, `[1] [2]`, `{} x`, "\n\t\r {\"a\" : [ 1 , \"b\" ] } \n",
	mockPerson, fullPerson,
}

func TestValidJSONIsJSONValid(t *testing.T) {
	for _, s := range validJSONCases {
		assert.Equal(t, json.Valid([]byte(s)), validJSON([]byte(s)), "%q", s)
	}
	for _, depth := range []int{maxJSONDepth - 1, maxJSONDepth, maxJSONDepth + 1} {
		for _, open := range []string{"[", `{"a":`} {
			closing := map[string]string{"[": "]", `{"a":`: "}"}[open]
			s := []byte(strings.Repeat(open, depth) + "1" + strings.Repeat(closing, depth))
			assert.Equal(t, json.Valid(s), validJSON(s), "%s nested %d deep", open, depth)
		}
	}
}

// FuzzValidJSON: validJSON answers as json.Valid on any input.
func FuzzValidJSON(f *testing.F) {
	for _, s := range validJSONCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := validJSON([]byte(s)), json.Valid([]byte(s)); got != want {
			t.Fatalf("%q: validJSON %v, json.Valid %v", s, got, want)
		}
	})
}

func BenchmarkValidJSON(b *testing.B) {
	data := []byte(mockPerson)
	b.Run("validJSON", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if !validJSON(data) {
				b.Fatal("invalid")
			}
		}
	})
	b.Run("json.Valid", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if !json.Valid(data) {
				b.Fatal("invalid")
			}
		}
	})
}
