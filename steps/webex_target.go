package steps

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/webex-scim/webex-scim/mockwebex"
)

// Names the Webex steps use.
const (
	webexTargetName = "Webex" // as written in steps: `I send "GET" to Webex "/people/me"`
	adminActor      = "admin" // the account the scenarios act as: the consenting admin
)

// startWebex adds the "Webex" target to st: a fresh in-process fake (closed after the
// scenario), or the external Webex of the environment. It then learns who the admin is
// ({admin.id}, {admin.email}) from GET /people/me.
func startWebex(ctx context.Context, st *ScenarioState) error {
	t := &Target{
		Name:          webexTargetName,
		DefaultActor:  adminActor,
		Tokens:        map[string]string{},
		AfterResponse: recordWebexCreation,
	}
	if ext := st.Env.Webex; ext != nil {
		t.BaseURL = ext.BaseURL
		t.Tokens[adminActor] = ext.AccessToken
		if ext.MockControl {
			t.MockControl = controlBase(ext.BaseURL)
		}
	} else {
		fake, err := mockwebex.New(mockwebex.WithLogger(st.Env.Logger))
		if err != nil {
			return fmt.Errorf("starting the in-process fake Webex: %w", err)
		}
		srv := httptest.NewServer(fake) // listens on 127.0.0.1
		st.AddCloser(srv.Close)
		t.BaseURL = srv.URL + "/v1"
		t.MockControl = srv.URL + "/_mock"
		t.Tokens[adminActor] = fake.AdminToken()
	}
	st.Targets[webexTargetName] = t
	st.Remember("webex.url", t.BaseURL)

	resp, err := st.Send(ctx, Request{Target: webexTargetName, Method: "GET", Path: "/people/me"})
	if err != nil {
		return err
	}
	resp.checked = true
	if resp.Status != 200 {
		return fmt.Errorf("the Webex account the scenarios act as is not usable: GET /people/me → %d %s", resp.Status, snippet(resp.Body))
	}
	st.Remember("admin.id", gjson.GetBytes(resp.Body, "id").String())
	st.Remember("admin.email", gjson.GetBytes(resp.Body, "emails.0").String())
	st.Remember("admin", gjson.GetBytes(resp.Body, "emails.0").String())
	st.Last = nil
	return nil
}

// controlBase derives the control plane's base from the API base: the fake serves /_mock/ on
// the same host, next to /v1 (design §5).
func controlBase(apiBase string) string {
	return strings.TrimSuffix(strings.TrimRight(apiBase, "/"), "/v1") + "/_mock"
}

// webexTarget returns the scenario's Webex target.
func webexTarget(st *ScenarioState) (*Target, error) { return st.Target(webexTargetName) }
