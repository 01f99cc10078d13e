package steps

import (
	"fmt"
	"net/http"
)

// readOnlyTag marks a scenario that only reads: it creates, changes and deletes nothing, so it
// is safe to run against a production Webex organisation or a connector in use
// (`-godog.tags=@read-only`, README "Run the suite against real Webex"). The harness enforces
// the promise instead of trusting the tag: in such a scenario any request other than GET or
// HEAD, to any target, fails the step before it is sent.
const readOnlyTag = "@read-only"

// checkReadOnly refuses a request that could change something in a @read-only scenario.
func (st *ScenarioState) checkReadOnly(method string) error {
	if !st.readOnly || method == http.MethodGet || method == http.MethodHead {
		return nil
	}
	return fmt.Errorf("a %s scenario must not change anything, but it sends %s: remove the tag or the request", readOnlyTag, method)
}
