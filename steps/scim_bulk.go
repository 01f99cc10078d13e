package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/cucumber/godog"
	"github.com/tidwall/gjson"
)

// schemaBulkRequest identifies a Bulk request (RFC 7644 §3.7).
const schemaBulkRequest = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"

// registerSCIMBulkSteps registers the steps of POST /Bulk (RFC 7644 §3.7) that a doc string
// cannot say (a Bulk request itself is sent with `I send "POST" to SCIM "/Bulk" with body:`):
//
//	I send a Bulk request to SCIM exceeding its maxOperations     (one DELETE more than it advertises)
//	I send a Bulk request to SCIM exceeding its maxPayloadSize    (one DELETE padded past it)
//
// The limits are read from the target's /ServiceProviderConfig. The DELETEs name ids under the
// scenario's prefix that do not exist, so a target that ran them anyway would change nothing.
// Users and groups a Bulk request creates are deleted after the scenario like any others
// (recordBulkCreations).
func registerSCIMBulkSteps(sc *godog.ScenarioContext) {
	sc.Step(`^I send a Bulk request to SCIM exceeding its (maxOperations|maxPayloadSize)$`, sendOversizedBulk)
}

func sendOversizedBulk(ctx context.Context, limit string) error {
	st, err := State(ctx)
	if err != nil {
		return err
	}
	spc, err := st.roundTrip(ctx, Request{Target: scimTargetName, Method: "GET", Path: "/ServiceProviderConfig", verbatim: true})
	if err != nil {
		return err
	}
	n := gjson.GetBytes(spc.Body, "bulk."+limit).Int()
	if spc.Status != 200 || n <= 0 {
		return fmt.Errorf("the target advertises no bulk.%s: GET /ServiceProviderConfig → %d %s", limit, spc.Status, snippet(spc.Body))
	}
	ghost := func(i int) map[string]any {
		return map[string]any{"method": "DELETE", "path": "/Users/" + url.PathEscape(fmt.Sprintf("%sghost%d", st.Prefix, i))}
	}
	var ops []map[string]any
	if limit == "maxOperations" {
		for i := range int(n) + 1 {
			ops = append(ops, ghost(i))
		}
	} else {
		op := ghost(0)
		op["data"] = map[string]any{"padding": strings.Repeat("x", int(n))}
		ops = append(ops, op)
	}
	raw, err := json.Marshal(map[string]any{"schemas": []string{schemaBulkRequest}, "Operations": ops})
	if err != nil {
		return err
	}
	_, err = st.Send(ctx, Request{Target: scimTargetName, Method: "POST", Path: "/Bulk", Body: string(raw), verbatim: true})
	return err
}

// recordBulkCreations registers for deletion every user and group a BulkResponse says a POST
// created (its location and response.id), users first so that the groups go first.
func (sst *scimScenario) recordBulkCreations(st *ScenarioState, resp *Response) {
	var users, groups []string
	for _, op := range gjson.GetBytes(resp.Body, "Operations").Array() {
		if !strings.EqualFold(op.Get("method").String(), "POST") || !strings.HasPrefix(op.Get("status").String(), "2") {
			continue
		}
		loc, err := url.Parse(op.Get("location").String())
		if err != nil {
			continue
		}
		id := op.Get("response.id").String()
		if id == "" {
			id = loc.Path[strings.LastIndex(loc.Path, "/")+1:]
		}
		switch {
		case strings.Contains(strings.ToLower(loc.Path), "/users/"):
			users = append(users, id)
		case strings.Contains(strings.ToLower(loc.Path), "/groups/"):
			groups = append(groups, id)
		}
	}
	for _, id := range users {
		sst.users = append(sst.users, createdUser{id: id})
		st.AddCleanup("SCIM user "+id+" (Bulk)", func(ctx context.Context) error { return sst.deleteUser(ctx, st, id) })
	}
	for _, id := range groups {
		st.AddCleanup("SCIM group "+id+" (Bulk)", func(ctx context.Context) error { return sst.deleteGroup(ctx, st, id) })
	}
}

// isBulkPath reports whether a request went to /Bulk.
func isBulkPath(u *url.URL) bool {
	return strings.HasSuffix(strings.ToLower(strings.TrimRight(u.Path, "/")), "/bulk")
}
