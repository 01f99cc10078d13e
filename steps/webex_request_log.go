package steps

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/cucumber/godog"
	"github.com/tidwall/gjson"
)

// registerWebexRequestLogSteps registers the steps that read the fake's request log
// (GET /_mock/requests): what the connector actually sent to Webex, e.g. that a SCIM write which
// changes nothing makes no Webex write (issue 11). They need the control plane (@mock-only).
// Writes are counted by path, so scenarios sharing one fake do not see each other's.
//
//	I note the Webex writes to "<path>"
//	the Webex fake received no new writes to "<path>"
func registerWebexRequestLogSteps(sc *godog.ScenarioContext) {
	sc.Step(`^I note the Webex writes to "([^"]*)"$`, noteWebexWrites)
	sc.Step(`^the Webex fake received no new writes to "([^"]*)"$`, noNewWebexWrites)
}

// webexWrites counts the requests in the fake's log that are not GET or HEAD and whose path is
// path (after expansion, e.g. "/v1/people/{dana}").
func webexWrites(ctx context.Context, path string) (int, string, error) {
	st, err := State(ctx)
	if err != nil {
		return 0, "", err
	}
	path, err = st.Expand(path)
	if err != nil {
		return 0, "", err
	}
	resp, err := control(ctx, st, http.MethodGet, "/requests", "", http.StatusOK)
	if err != nil {
		return 0, "", err
	}
	n := 0
	for _, r := range gjson.GetBytes(resp.Body, "items").Array() {
		m := r.Get("method").String()
		if m != http.MethodGet && m != http.MethodHead && r.Get("path").String() == path {
			n++
		}
	}
	return n, path, nil
}

func noteWebexWrites(ctx context.Context, path string) error {
	n, expanded, err := webexWrites(ctx, path)
	if err != nil {
		return err
	}
	st, err := State(ctx)
	if err != nil {
		return err
	}
	st.Remember("webex writes "+expanded, strconv.Itoa(n))
	return nil
}

func noNewWebexWrites(ctx context.Context, path string) error {
	n, expanded, err := webexWrites(ctx, path)
	if err != nil {
		return err
	}
	st, err := State(ctx)
	if err != nil {
		return err
	}
	noted, ok := st.Vars["webex writes "+expanded]
	if !ok {
		return fmt.Errorf("note the Webex writes to %q first", path)
	}
	before, err := strconv.Atoi(noted)
	if err != nil {
		return err
	}
	switch {
	case n < before:
		return fmt.Errorf("the fake's request log dropped entries since the note (%d writes to %s, then %d): it is bounded", before, expanded, n)
	case n > before:
		return fmt.Errorf("the connector sent %d write(s) to Webex %s since the note, want none", n-before, expanded)
	}
	return nil
}
