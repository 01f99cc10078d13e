package webex

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var peoplePageCases = []string{
	`{"items":[]}`,
	`{"items":[` + mockPerson + `]}`,
	`{"items":[` + mockPerson + `,` + mockPerson + `],"notFoundIds":["a","b\u00e9"]}`,
	` { "notFoundIds" : [] , "items" : [ {"id":"x"} ] , "other": {"items": 1} } `,
	`{}`,
	`{"items":null}`,
	`{"items":[null]}`,
	`{"items":[{"id":"x"},1]}`,
	`{"items":{"id":"x"}}`,
	`{"Items":[{"id":"x"}]}`,
	`{"ITEMS":[{"id":"x"}],"items":[{"id":"y"}]}`,
	`{"items":[{"id":"x"}],"items":[{"id":"y"},{"id":"z"}]}`,
	`{"item\u017f":[{"id":"x"}]}`,
	"{\"item\u017f\":[{\"id\":\"x\"}]}",
	`{"notFoundIds":[null,"a"]}`,
	`{"notFoundIds":"a"}`,
	`{"items":[{"id":"x","created":"not a time"}]}`,
	`{"items":[{"id":1}]}`,
	`{"items":[`,
	`null`,
	`[]`,
	``,
}

// checkSameAsUnmarshal holds decodePeoplePage to json.Unmarshal: the same page, or the same
// error.
func checkSameAsUnmarshal(t *testing.T, in string) {
	t.Helper()
	var want, got listEnvelope[Person]
	werr := json.Unmarshal([]byte(in), &want)
	gerr := decodePeoplePage([]byte(in), &got)
	if werr != nil || gerr != nil {
		require.Equal(t, fmt.Sprint(werr), fmt.Sprint(gerr), "input %q", in)
		return
	}
	require.Equal(t, want, got, "input %q", in)
}

func TestPeoplePageDecodeIsJSONUnmarshal(t *testing.T) {
	for _, in := range peoplePageCases {
		checkSameAsUnmarshal(t, in)
	}
	// A page of 1000 as the fake serves it takes the fast path.
	page := `{"items":[` + strings.Repeat(mockPerson+",", 999) + mockPerson + `]}`
	var env listEnvelope[Person]
	assert.True(t, decodePeoplePageFast([]byte(page), &env))
	assert.Len(t, env.Items, 1000)
	checkSameAsUnmarshal(t, page)
}

func FuzzPeoplePageDecode(f *testing.F) {
	for _, in := range peoplePageCases {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkSameAsUnmarshal(t, in)
		checkSameAsUnmarshal(t, `{"items":[`+in+`]}`)
		checkSameAsUnmarshal(t, `{"items":[{"id":"a"}],`+in+`:[]}`)
	})
}

// BenchmarkPeoplePageDecode reads a page of 1000 of the fake's people as the client does, and as
// json.Unmarshal did before.
func BenchmarkPeoplePageDecode(b *testing.B) {
	page := []byte(`{"items":[` + strings.Repeat(mockPerson+",", 999) + mockPerson + `]}`)
	b.Run("decodePeoplePage", func(b *testing.B) {
		for b.Loop() {
			var env listEnvelope[Person]
			if err := decodePeoplePage(page, &env); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json.Unmarshal", func(b *testing.B) {
		for b.Loop() {
			var env listEnvelope[Person]
			if err := json.Unmarshal(page, &env); err != nil {
				b.Fatal(err)
			}
		}
	})
}
