package connector_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/fixtures"
	"github.com/webex-scim/webex-scim/mockwebex"
)

// seedWithPeople is the default seed plus n generated people (user0001@bulk.example.com, …), with
// deterministic ids so runs are repeatable.
func seedWithPeople(tb testing.TB, n int) []byte {
	tb.Helper()
	var doc mockwebex.SeedDoc
	require.NoError(tb, json.Unmarshal(fixtures.DefaultSeed(), &doc))
	ns := uuid.MustParse("6ba7b811-9dad-11d1-80b4-00c04fd430c8")
	for i := range n {
		doc.People = append(doc.People, mockwebex.SeedPerson{
			UUID:        uuid.NewSHA1(ns, fmt.Appendf(nil, "bulk-%d", i)).String(),
			Emails:      []string{fmt.Sprintf("user%05d@bulk.example.com", i)},
			DisplayName: fmt.Sprintf("Bulk User %05d", i),
			FirstName:   "Bulk",
			LastName:    fmt.Sprintf("User %05d", i),
			Department:  []string{"Sales", "Engineering", "Support"}[i%3],
			Licenses:    []string{"messaging"},
		})
	}
	out, err := json.Marshal(doc)
	require.NoError(tb, err)
	return out
}
