package connector_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/webex-scim/webex-scim/internal/embedded"
)

// FuzzCreateUserBody sends arbitrary bodies to POST /Users: the connector must answer with a
// SCIM error or a created user, never a 500 (garbage is the client's fault, not ours).
func FuzzCreateUserBody(f *testing.F) {
	for _, seed := range []string{
		`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"f@example.com","displayName":"F"}`,
		`{"userName":"g@example.com","name":{"givenName":"G","familyName":null},"active":"True","roles":[{"value":"x"}]}`,
		`{"userName":"h@example.com","displayName":"H","photos":[{"value":5}],"entitlements":["a",{"value":""}]}`,
		`{"userName":["x"],"emails":{"value":"x"}}`,
		`{"schemas":"nope","userName":"i@example.com","displayName":"I"}`,
		// Webex's directory fields (issue 11), well and badly shaped.
		`{"userName":"j@example.com","displayName":"J","title":"T","nickName":"Jay","phoneNumbers":[{"type":"work","value":"1"},{"type":"mobile","value":"2","primary":true},{"type":"pager","value":"3"}],` +
			`"addresses":[{"type":"work","locality":"L"},{"streetAddress":"S"},{"type":"home","country":"C"}],` +
			`"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"D","manager":{"value":"nobody"},"employeeNumber":"7"}}`,
		`{"userName":"k@example.com","displayName":"K","title":5,"phoneNumbers":{"value":"1"},"addresses":["x"],` +
			`"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":[],"manager":"m"}}`,
		`{"userName":"l@example.com","displayName":"L","phoneNumbers":[{"value":7,"type":null}],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":"x"}`,
		`[]`, `null`, `"str"`, `{`, `{"a":1}{"b":2}`, ``,
	} {
		f.Add([]byte(seed))
	}
	st, err := embedded.Start(context.Background(), embedded.Options{SCIMToken: scimToken})
	require.NoError(f, err)
	f.Cleanup(st.Close)
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/scim/v2/Users", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+scimToken)
		req.Header.Set("Content-Type", "application/scim+json")
		rec := httptest.NewRecorder()
		st.Connector.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("POST /Users answered %d for %q: %s", rec.Code, body, rec.Body.String())
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("POST /Users answered a body that is not JSON for %q: %q", body, rec.Body.String())
		}
	})
}
