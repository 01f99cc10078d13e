package steps

import (
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"

	"github.com/cucumber/godog"
	"github.com/tidwall/gjson"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/webex-scim/webex-scim/connector"
	"github.com/webex-scim/webex-scim/internal/embedded"
)

// Names the SCIM steps use.
const (
	scimTargetName = "SCIM"   // as written in steps: `I send "GET" to SCIM "/Users"`
	scimActor      = "client" // the identity provider: the one caller of the connector
	// clientCredentialsTag marks scenarios that use the connector's token endpoint: they send
	// a token it issued, and may call it themselves ({scim.tokenURL}, {scim.clientId},
	// {scim.clientSecret}). The in-process connector always has a client; an external one
	// needs SCIM_TOKEN_URL, SCIM_CLIENT_ID and SCIM_CLIENT_SECRET.
	clientCredentialsTag = "@client-credentials"
	// inProcessClientID is the client id of the in-process connector's token endpoint; its
	// secret is random per scenario.
	inProcessClientID = "features-idp"
	// tokenPath is the connector's token endpoint, beside /scim/v2 (connector/routes.go).
	tokenPath = "/oauth/token"
	// wipTag marks scenarios that show a known connector bug (listed in features/README.md):
	// skipped unless WEBEX_SCIM_WIP=1, so the suite stays green while the bug is open.
	wipTag = "@wip"
)

// scimScenario is the SCIM side of one scenario's state (kept beside ScenarioState in the
// context, under its own key).
type scimScenario struct {
	// webexIsConnectors says that the scenario's Webex target is the Webex the connector talks
	// to, so Webex can be checked, and used to delete what a failed SCIM DELETE left.
	webexIsConnectors bool
	// users are the SCIM users this scenario created (by a step or a plain POST), in order.
	users []createdUser
	// walk is the outcome of the last paging walk (scim_paging.go).
	walk *pagingWalk
	// secrets watches the in-process connector's logs and answers for its secrets; nil for an
	// external connector (secret_watch.go).
	secrets *secretWatch
}

type createdUser struct{ id, userName string }

type scimStateKey struct{}

// scimStateOf returns the SCIM side of the scenario's state.
func scimStateOf(ctx context.Context) (*ScenarioState, *scimScenario, error) {
	st, err := State(ctx)
	if err != nil {
		return nil, nil, err
	}
	sst, ok := ctx.Value(scimStateKey{}).(*scimScenario)
	if !ok {
		return nil, nil, fmt.Errorf("this scenario has no SCIM target: none of its steps names SCIM")
	}
	return st, sst, nil
}

// scenarioNeeds says which targets a scenario's steps name.
type scenarioNeeds struct{ scim, webex bool }

var (
	scimWord  = regexp.MustCompile(`\bSCIM\b`)
	webexWord = regexp.MustCompile(`\bWebex\b`)
)

// needsOf reads the scenario's steps: a step naming SCIM, or replaying an identity provider's
// request, uses the connector; a step naming Webex checks or changes Webex directly.
func needsOf(s *godog.Scenario) scenarioNeeds {
	var n scenarioNeeds
	for _, step := range s.Steps {
		if scimWord.MatchString(step.Text) || strings.HasPrefix(step.Text, "I replay ") {
			n.scim = true
		}
		if webexWord.MatchString(step.Text) {
			n.webex = true
		}
	}
	return n
}

// skipReason says why a scenario cannot run in this environment, "" when it can. Nothing is
// ever passed silently: a scenario needing a target that is not configured is skipped, and the
// reason is logged.
func (e *Env) skipReason(s *godog.Scenario) string {
	if hasTag(s, wipTag) && !e.RunWIP {
		return fmt.Sprintf("skipped %q: tagged %s, a known bug not fixed yet (%s=1 runs it)", s.Name, wipTag, EnvRunWIP)
	}
	if reason := e.groupKindSkip(s); reason != "" {
		return reason
	}
	n := needsOf(s)
	if !n.scim {
		return ""
	}
	switch {
	case e.SCIM == nil && e.Webex != nil:
		return fmt.Sprintf("skipped %q: it uses the SCIM connector and only Webex is configured (set %s with %s, or %s, %s and %s)",
			s.Name, EnvSCIMBaseURL, EnvSCIMToken, EnvSCIMTokenURL, EnvSCIMClientID, EnvSCIMClientSecret)
	case n.webex && e.SCIM != nil && e.Webex == nil:
		return fmt.Sprintf("skipped %q: it checks Webex directly, and no Webex is configured for the connector under test (set %s and %s to the Webex it uses)",
			s.Name, EnvWebexBaseURL, EnvWebexAccessToken)
	case hasTag(s, clientCredentialsTag) && e.SCIM != nil && !e.SCIM.HasClientCredentials():
		return fmt.Sprintf("skipped %q: it uses the token endpoint of the connector under test, which is not configured (set %s, %s and %s)",
			s.Name, EnvSCIMTokenURL, EnvSCIMClientID, EnvSCIMClientSecret)
	}
	return ""
}

// registerSCIMHooks adds the SCIM target to every scenario that uses it; it runs after the
// Webex Before hook, so the scenario's state and Webex target exist.
func registerSCIMHooks(sc *godog.ScenarioContext, env *Env) {
	sc.Before(func(ctx context.Context, s *godog.Scenario) (context.Context, error) {
		if reason := env.skipReason(s); reason != "" {
			return ctx, env.skip(ctx, s, reason)
		}
		if !needsOf(s).scim {
			return ctx, nil
		}
		st, err := State(ctx)
		if err != nil {
			return ctx, err
		}
		sst := &scimScenario{}
		ctx = context.WithValue(ctx, scimStateKey{}, sst)
		viaEndpoint := hasTag(s, clientCredentialsTag)
		if env.SCIM != nil {
			return ctx, useExternalSCIM(st, sst, env.SCIM, viaEndpoint)
		}
		return ctx, startInProcessSCIM(ctx, st, sst, viaEndpoint)
	})
	sc.After(func(ctx context.Context, _ *godog.Scenario, _ error) (context.Context, error) {
		if sst, ok := ctx.Value(scimStateKey{}).(*scimScenario); ok && sst.secrets != nil {
			return ctx, sst.secrets.err()
		}
		return ctx, nil
	})
}

// useExternalSCIM adds the connector of the environment as the "SCIM" target. viaEndpoint: the
// scenario sends a token from the client-credentials endpoint even when SCIM_TOKEN is set.
func useExternalSCIM(st *ScenarioState, sst *scimScenario, ext *SCIMTarget, viaEndpoint bool) error {
	token, err := ext.accessToken(viaEndpoint)
	if err != nil {
		return err
	}
	addSCIMTarget(st, sst, ext.BaseURL, token)
	sst.webexIsConnectors = st.Env.Webex != nil
	if ext.HasClientCredentials() {
		rememberClient(st, ext)
	}
	return nil
}

// rememberClient binds {scim.tokenURL}, {scim.clientId} and {scim.clientSecret}.
func rememberClient(st *ScenarioState, t *SCIMTarget) {
	st.Remember("scim.tokenURL", t.TokenURL)
	st.Remember("scim.clientId", t.ClientID)
	st.Remember("scim.clientSecret", t.ClientSecret)
}

// startInProcessSCIM starts a fresh fake Webex with the connector consented against it
// (internal/embedded), serves the connector on 127.0.0.1, and points the scenario's Webex
// target at that fake, so that what the connector does is what the Webex steps see. The fake
// the Webex hook started stays idle until the scenario ends. The connector has a static token
// and a client-credentials client (a random secret); viaEndpoint: the scenario sends a token its
// endpoint issued instead of the static one.
func startInProcessSCIM(ctx context.Context, st *ScenarioState, sst *scimScenario, viaEndpoint bool) error {
	secret, err := embedded.RandomToken()
	if err != nil {
		return err
	}
	static, err := embedded.RandomToken()
	if err != nil {
		return err
	}
	// Everything the connector logs and answers is checked for its secrets (secret_watch.go).
	watch := newSecretWatch()
	watch.add("the SCIM bearer token", static)
	watch.add("the SCIM client secret", secret)
	sst.secrets = watch
	// The connector logs every Webex refusal as a warning; scenarios provoke many on purpose,
	// so only its errors (a failure it did not expect) reach the run's log.
	stack, err := embedded.Start(ctx, embedded.Options{
		Logger:       slog.New(watch.logHandler(minLevel{st.Env.Logger.Handler(), slog.LevelError})),
		SCIMToken:    static,
		SCIMClientID: inProcessClientID, SCIMClientSecret: secret,
		GroupKind: connector.GroupKind(st.Env.GroupKind),
	})
	if err != nil {
		return fmt.Errorf("starting the in-process connector: %w", err)
	}
	watch.add("the connector's Webex access token", stack.WebexToken.AccessToken)
	watch.add("the connector's Webex refresh token", stack.WebexToken.RefreshToken)
	watch.add("the Webex admin token", stack.WebexAdminToken)
	srv := httptest.NewServer(watch.answers(stack.Connector)) // listens on 127.0.0.1
	st.AddCloser(func() {
		srv.Close()
		stack.Close()
	})
	cc := &SCIMTarget{TokenURL: srv.URL + tokenPath, ClientID: inProcessClientID, ClientSecret: secret}
	token := stack.SCIMToken
	if viaEndpoint {
		cfg := clientcredentials.Config{ClientID: cc.ClientID, ClientSecret: cc.ClientSecret, TokenURL: cc.TokenURL}
		tok, err := cfg.Token(context.WithValue(ctx, oauth2.HTTPClient, st.Env.HTTP))
		if err != nil {
			return fmt.Errorf("getting a token from the in-process connector's %s: %w", tokenPath, err)
		}
		token = tok.AccessToken
	}
	addSCIMTarget(st, sst, srv.URL+"/scim/v2", token)
	rememberClient(st, cc)
	sst.webexIsConnectors = true
	return adoptWebex(ctx, st, stack.WebexURL, stack.WebexAdminToken)
}

// addSCIMTarget registers the "SCIM" target and {scim.url}.
func addSCIMTarget(st *ScenarioState, sst *scimScenario, base, token string) {
	st.Targets[scimTargetName] = &Target{
		Name:          scimTargetName,
		BaseURL:       base,
		DefaultActor:  scimActor,
		Tokens:        map[string]string{scimActor: token},
		AfterResponse: sst.recordCreation,
	}
	st.Remember("scim.url", base)
}

// adoptWebex points the scenario's Webex target at another Webex (the in-process connector's
// fake) and learns its admin again ({admin}, {admin.id}, {admin.email}): the seeded admin, who
// is also the account the connector consented with.
func adoptWebex(ctx context.Context, st *ScenarioState, base, adminToken string) error {
	t, err := webexTarget(st)
	if err != nil {
		return err
	}
	t.BaseURL = base
	t.MockControl = controlBase(base)
	t.Tokens = map[string]string{adminActor: adminToken}
	st.Remember("webex.url", base)
	resp, err := st.roundTrip(ctx, Request{Target: webexTargetName, Method: "GET", Path: "/people/me", verbatim: true})
	if err != nil {
		return err
	}
	if resp.Status != 200 {
		return fmt.Errorf("the in-process connector's Webex refuses its admin: GET /people/me → %d %s", resp.Status, snippet(resp.Body))
	}
	email := gjson.GetBytes(resp.Body, "emails.0").String()
	st.Remember("admin.id", gjson.GetBytes(resp.Body, "id").String())
	st.Remember("admin.email", email)
	st.Remember("admin", email)
	return nil
}

// recordCreation is the SCIM target's AfterResponse: every user and group a scenario creates
// through SCIM — by a Given step, a plain `I send "POST"` or a replay — is deleted after the
// scenario, passed or failed (design §6).
func (sst *scimScenario) recordCreation(_ context.Context, st *ScenarioState, _ string, resp *Response) {
	if resp.Method != "POST" || resp.Status/100 != 2 {
		return
	}
	u, err := url.Parse(resp.URL)
	if err == nil && isBulkPath(u) {
		sst.recordBulkCreations(st, resp) // scim_bulk.go
		return
	}
	id := gjson.GetBytes(resp.Body, "id").String()
	if id == "" || err != nil {
		return
	}
	switch {
	case strings.HasSuffix(strings.ToLower(strings.TrimRight(u.Path, "/")), "/users"):
		userName := gjson.GetBytes(resp.Body, "userName").String()
		sst.users = append(sst.users, createdUser{id: id, userName: userName})
		st.AddCleanup("SCIM user "+userName, func(ctx context.Context) error { return sst.deleteUser(ctx, st, id) })
	case strings.HasSuffix(strings.ToLower(strings.TrimRight(u.Path, "/")), "/groups"):
		name := gjson.GetBytes(resp.Body, "displayName").String()
		st.AddCleanup("SCIM group "+name, func(ctx context.Context) error { return sst.deleteGroup(ctx, st, id) })
	}
}

// deleteUser deletes a user through SCIM; 404 means it is gone already. When the connector
// fails to delete it and Webex is the connector's, the person is deleted in Webex instead, so
// that a connector bug leaves nothing behind; the SCIM failure is still reported.
func (sst *scimScenario) deleteUser(ctx context.Context, st *ScenarioState, id string) error {
	_, err := scimDelete(ctx, st, "/Users/"+id)
	if err == nil || !sst.webexIsConnectors {
		return err
	}
	if werr := deletePerson(ctx, st, id); werr != nil {
		return fmt.Errorf("%w; deleting the person in Webex failed too: %w", err, werr)
	}
	return fmt.Errorf("%w (the person was deleted in Webex instead)", err)
}

// deleteGroup deletes a group through SCIM, and makes sure in Webex when the connector could
// not: a team the connector's account was removed from is invisible to it (SCIM 404, WX06) and
// one it was demoted in refuses its writes (SCIM 403, WX06), yet the scenario's other moderator
// can delete it, as any actor of the scenario is tried. Those two answers are expected after a
// scenario took the connector's rights away, so only other SCIM failures are reported.
func (sst *scimScenario) deleteGroup(ctx context.Context, st *ScenarioState, id string) error {
	status, err := scimDelete(ctx, st, "/Groups/"+id)
	if !sst.webexIsConnectors || status == 204 {
		return err
	}
	if werr := deleteAsAnyone(ctx, st, "/teams/"+id, adminActor); werr != nil {
		if err == nil {
			return werr
		}
		return fmt.Errorf("%w; deleting the team in Webex failed too: %w", err, werr)
	}
	if err == nil || status == 403 {
		return nil
	}
	return fmt.Errorf("%w (the team was deleted in Webex instead)", err)
}

// scimDelete sends DELETE to the connector without the scenario's extra headers; 204 and 404
// (gone already) are success. The status is returned either way (0 without an answer).
func scimDelete(ctx context.Context, st *ScenarioState, path string) (int, error) {
	resp, err := st.roundTrip(ctx, Request{Target: scimTargetName, Method: "DELETE", Path: path, verbatim: true})
	if err != nil {
		return 0, err
	}
	if resp.Status == 204 || resp.Status == 404 {
		return resp.Status, nil
	}
	return resp.Status, fmt.Errorf("SCIM DELETE %s → %d %s", path, resp.Status, snippet(resp.Body))
}

// minLevel passes on only records at or above its level.
type minLevel struct {
	slog.Handler
	level slog.Level
}

func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.level && h.Handler.Enabled(ctx, l)
}

func (h minLevel) WithAttrs(attrs []slog.Attr) slog.Handler {
	return minLevel{h.Handler.WithAttrs(attrs), h.level}
}

func (h minLevel) WithGroup(name string) slog.Handler {
	return minLevel{h.Handler.WithGroup(name), h.level}
}
