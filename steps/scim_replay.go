package steps

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/cucumber/godog"
	"github.com/tidwall/gjson"
)

// scim_replay.go: replays of the requests Microsoft Entra ID and Okta send, kept in
// fixtures/scim/{entra,okta}/*.json with the placeholder convention of fixtures/scim/README.md.

// fixtureFile is one identity-provider request.
type fixtureFile struct {
	Source string          `json:"source"`
	Method string          `json:"method"`
	Path   string          `json:"path"`
	Body   json.RawMessage `json:"body"`
}

// fixtureName keeps replays inside fixtures/scim: "entra/05-….json", nothing else.
var fixtureName = regexp.MustCompile(`^(entra|okta)/[0-9]{2}-[a-z0-9-]+\.json$`)

// registerReplaySteps registers the replay steps (catalogue: registerSCIMSteps).
func registerReplaySteps(sc *godog.ScenarioContext) {
	sc.Step(`^I replay "([^"]+)"$`, func(ctx context.Context, name string) error { return replay(ctx, name, false) })
	sc.Step(`^I replay "([^"]+)" as the second user$`, func(ctx context.Context, name string) error { return replay(ctx, name, true) })
}

// replay sends one fixture to the connector as the identity provider would: placeholders
// replaced by plain text substitution ({prefix}; {prefix} plus "2-" for the second user, which
// keeps userName unique and under the run prefix), the query parsed and re-encoded (Entra's
// documentation prints it raw, Okta's encoded), email domains rewritten when
// SCIM_REPLAY_EMAIL_DOMAIN is set, the body sent as application/scim+json. The answer is the
// last response; a created user or group binds the README's placeholders.
func replay(ctx context.Context, name string, second bool) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	f, err := loadFixture(name)
	if err != nil {
		return err
	}
	st.Remember("timestamp", time.Now().UTC().Format(time.RFC3339))
	prefix := st.Prefix
	if second {
		prefix += "2-"
	}
	expand := func(s string) (string, error) {
		return st.Expand(strings.ReplaceAll(s, "{prefix}", prefix))
	}
	path, err := expand(f.Path)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if path, err = reencodeQuery(path, st.Env.ReplayEmailDomain); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	body := ""
	if len(f.Body) > 0 && string(f.Body) != "null" {
		if body, err = expand(string(f.Body)); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if body, err = rewriteBodyEmails(body, st.Env.ReplayEmailDomain); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}

	saved := st.RequestHeaders
	st.RequestHeaders = saved.Clone()
	if body != "" {
		st.RequestHeaders.Set("Content-Type", "application/scim+json") // what both vendors send
	}
	defer func() { st.RequestHeaders = saved }()
	resp, err := st.Send(ctx, Request{Target: scimTargetName, Method: f.Method, Path: path, Body: body, verbatim: true})
	if err != nil {
		return err
	}
	bindReplayResult(st, f.Method, resp, second)
	return nil
}

// bindReplayResult binds the placeholders a create gives values to (fixtures/scim/README.md).
func bindReplayResult(st *ScenarioState, method string, resp *Response, second bool) {
	if method != "POST" || resp.Status != 201 {
		return
	}
	id := gjson.GetBytes(resp.Body, "id").String()
	if id == "" {
		return
	}
	u, err := url.Parse(resp.URL)
	if err != nil {
		return
	}
	switch {
	case strings.HasSuffix(strings.ToLower(u.Path), "/users"):
		suffix := ""
		if second {
			suffix = "2"
		}
		st.Remember("userId"+suffix, id)
		st.Remember("userName"+suffix, gjson.GetBytes(resp.Body, "userName").String())
	case strings.HasSuffix(strings.ToLower(u.Path), "/groups"):
		st.Remember("groupId", id)
		st.Remember("groupName", gjson.GetBytes(resp.Body, "displayName").String())
	}
}

// loadFixture reads fixtures/scim/<name>, found from the working directory upwards (go test
// runs in the package's directory).
func loadFixture(name string) (*fixtureFile, error) {
	if !fixtureName.MatchString(name) {
		return nil, fmt.Errorf("fixture %q: want entra/NN-name.json or okta/NN-name.json", name)
	}
	dir, err := fixturesDir()
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		return nil, fmt.Errorf("fixture %q: %w", name, err)
	}
	var f fixtureFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("fixture %q is not a fixture file: %w", name, err)
	}
	if f.Method == "" || !strings.HasPrefix(f.Path, "/") {
		return nil, fmt.Errorf("fixture %q has no method or no path", name)
	}
	return &f, nil
}

// fixturesDir finds fixtures/scim in the working directory or one of its parents.
func fixturesDir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		candidate := filepath.Join(dir, "fixtures", "scim")
		if fi, err := os.Stat(candidate); err == nil && fi.IsDir() {
			return candidate, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("fixtures/scim not found in the working directory or its parents")
		}
		dir = parent
	}
}

// emailPattern finds an email address in a string value: the local part stays (it carries the
// scenario's prefix), the domain may be rewritten.
var emailPattern = regexp.MustCompile(`([A-Za-z0-9._%+-]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)`)

// rewriteEmails replaces the domain of every email in s; domain "" leaves s as it is.
func rewriteEmails(s, domain string) string {
	if domain == "" {
		return s
	}
	return emailPattern.ReplaceAllString(s, "${1}@"+domain)
}

// reencodeQuery parses the query of a fixture path and encodes it again (fixtures/scim/README:
// "it accepts both and sends the same filter"), rewriting email domains in its values.
func reencodeQuery(path, domain string) (string, error) {
	p, raw, ok := strings.Cut(path, "?")
	if !ok {
		return path, nil
	}
	q, err := url.ParseQuery(strings.ReplaceAll(raw, " ", "%20"))
	if err != nil {
		return "", fmt.Errorf("the query %q cannot be parsed: %w", raw, err)
	}
	for k, vs := range q {
		for i := range vs {
			q[k][i] = rewriteEmails(vs[i], domain)
		}
	}
	return p + "?" + strings.ReplaceAll(q.Encode(), "+", "%20"), nil
}

// rewriteBodyEmails rewrites the email domains inside the string values of a JSON body.
func rewriteBodyEmails(body, domain string) (string, error) {
	if domain == "" {
		return body, nil
	}
	var v any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		return "", fmt.Errorf("the body is not JSON once placeholders are replaced: %w", err)
	}
	var walk func(any) any
	walk = func(x any) any {
		switch t := x.(type) {
		case string:
			return rewriteEmails(t, domain)
		case []any:
			for i := range t {
				t[i] = walk(t[i])
			}
		case map[string]any:
			for k := range t {
				t[k] = walk(t[k])
			}
		}
		return x
	}
	return mustJSON(walk(v)), nil
}
