package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/webex-scim/webex-scim/mockwebex"
)

// closedBy reads conn to its end and reports whether the server closed it before the test's own
// guard deadline (which only keeps a broken server from hanging the test).
func closedBy(t *testing.T, conn net.Conn) bool {
	t.Helper()
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(safetyTimeout)))
	_, err := io.ReadAll(conn)
	var ne net.Error
	return err == nil || !(errors.As(err, &ne) && ne.Timeout())
}

// Issue 12: a slow client cannot hold a connection. A request whose body never arrives, headers
// that never end, and an idle keep-alive connection are each closed by the server after the
// configured limit (SCIM_READ_TIMEOUT, SCIM_IDLE_TIMEOUT).
func TestSlowClientsCannotHoldConnections(t *testing.T) {
	s := start(t, map[string]string{"SCIM_READ_TIMEOUT": "300ms"}, "-idle-timeout", "300ms")
	token := s.line("SCIM bearer token:")
	addr := strings.TrimPrefix(s.base, "http://")
	dial := func() net.Conn {
		c, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		t.Cleanup(func() { _ = c.Close() })
		return c
	}

	body := dial()
	_, err := io.WriteString(body, "POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "+token+
		"\r\nContent-Type: application/scim+json\r\nContent-Length: 100\r\n\r\n{\"userName\":")
	require.NoError(t, err)
	assert.True(t, closedBy(t, body), "a body that never arrives")

	headers := dial()
	_, err = io.WriteString(headers, "GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\n")
	require.NoError(t, err)
	assert.True(t, closedBy(t, headers), "headers that never end")

	idle := dial()
	_, err = io.WriteString(idle, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
	require.NoError(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(idle), nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	require.NoError(t, resp.Body.Close())
	assert.True(t, closedBy(t, idle), "an idle keep-alive connection")
}

// Issue 12: SIGTERM under load. Three group PATCHes, each adding three members one by one (Webex
// slowed to 500ms per membership), and a stream of reads are running when the program is told to
// stop with a shutdown deadline far shorter than the changes. The reads are cancelled (503); every
// group change runs to its end and answers 200, and run returns only then: the fake holds every
// member each change added, none half-applied. The program starts from an existing token file,
// so no consent is needed (design §3.8).
func TestShutdownUnderLoadFinishesGroupChanges(t *testing.T) {
	fake, err := mockwebex.New()
	require.NoError(t, err)
	fsrv := httptest.NewServer(fake)
	t.Cleanup(fsrv.Close)
	tokenFile := filepath.Join(t.TempDir(), "webex-token.json")
	tok, err := json.Marshal(map[string]string{"access_token": fake.AdminToken(), "token_type": "Bearer"})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(tokenFile, tok, 0o600))
	s := start(t, map[string]string{
		"WEBEX_CLIENT_ID": "mock-client-id", "WEBEX_CLIENT_SECRET": "mock-client-secret",
		"WEBEX_TARGET_URL": fsrv.URL + "/v1", "SCIM_BEARER_TOKEN": "shutdown-token", "WEBEX_TOKEN_FILE": tokenFile,
	}, "-shutdown-timeout", "50ms")
	c := &http.Client{Timeout: safetyTimeout}
	send := func(method, path, body string) (int, gjson.Result, error) {
		req, err := http.NewRequest(method, s.base+"/scim/v2"+path, strings.NewReader(body))
		if err != nil {
			return 0, gjson.Result{}, err
		}
		req.Header.Set("Authorization", "Bearer shutdown-token")
		req.Header.Set("Content-Type", "application/scim+json")
		resp, err := c.Do(req)
		if err != nil {
			return 0, gjson.Result{}, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp.StatusCode, gjson.ParseBytes(b), err
	}

	status, groups, err := send(http.MethodGet, "/Groups", "")
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, status, "a restart with a token file needs no consent: %s", groups.Raw)
	status, users, err := send(http.MethodGet, "/Users?count=40", "")
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, status)
	teams := groups.Get("Resources.#.id").Array()
	require.GreaterOrEqual(t, len(teams), 3)
	plan := map[string][]string{} // team id → the people its PATCH adds
	next := 0
	for _, team := range teams[:3] {
		members := map[string]bool{}
		for _, m := range groups.Get(`Resources.#(id=="` + team.String() + `").members.#.value`).Array() {
			members[m.String()] = true
		}
		for len(plan[team.String()]) < 3 && next < len(users.Get("Resources").Array()) {
			id := users.Get("Resources." + strconv.Itoa(next) + ".id").String()
			next++
			if !members[id] && users.Get("Resources."+strconv.Itoa(next-1)+".userName").String() != "admin@example.com" {
				plan[team.String()] = append(plan[team.String()], id)
			}
		}
		require.Len(t, plan[team.String()], 3)
	}
	_, err = fake.AddFault(mockwebex.Fault{Name: mockwebex.FaultLatency, Method: http.MethodPost, Path: "/v1/team/memberships", MS: 500})
	require.NoError(t, err)

	var wg sync.WaitGroup
	var mu sync.Mutex
	patchStatus := map[string]int{}
	var readStatuses []int
	stopped := make(chan struct{})
	for team, people := range plan {
		var values []string
		for _, p := range people {
			values = append(values, `{"value":"`+p+`"}`)
		}
		body := `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[` +
			strings.Join(values, ",") + `]}]}`
		wg.Go(func() {
			status, _, err := send(http.MethodPatch, "/Groups/"+team, body)
			assert.NoError(t, err, "the PATCH of %s gets its answer", team)
			mu.Lock()
			patchStatus[team] = status
			mu.Unlock()
		})
	}
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stopped:
					return
				default:
				}
				status, _, err := send(http.MethodGet, "/Users?count=5", "")
				if err != nil {
					return // sent after the listener closed
				}
				mu.Lock()
				readStatuses = append(readStatuses, status)
				mu.Unlock()
			}
		})
	}

	// Stop once every PATCH has had its first member added: each is then part-way through.
	started := func() bool {
		seen := map[string]bool{}
		for _, r := range fake.Requests() {
			if r.Method == http.MethodPost && r.Path == "/v1/team/memberships" {
				seen[gjson.Get(r.Body, "teamId").String()] = true
			}
		}
		for team := range plan {
			if !seen[team] {
				return false
			}
		}
		return true
	}
	if !assert.Eventually(t, started, safetyTimeout, 5*time.Millisecond) {
		for _, r := range fake.Requests() {
			t.Log(r.Method, r.Path, r.Status, r.Body)
		}
		mu.Lock()
		t.Log(patchStatus)
		mu.Unlock()
		t.FailNow()
	}
	close(stopped)
	s.stop()
	require.NoError(t, <-s.done, "a clean shutdown")
	s.done <- nil // for the cleanup

	state := fake.State()
	for team, people := range plan {
		for _, p := range people {
			found := false
			for _, m := range state.Memberships {
				found = found || (m.TeamID == team && m.PersonID == p)
			}
			assert.True(t, found, "team %s has member %s: the change completed", team, p)
		}
	}
	wg.Wait()
	for team := range plan {
		assert.Equal(t, http.StatusOK, patchStatus[team], "the PATCH of %s answered", team)
	}
	for _, st := range readStatuses {
		assert.Contains(t, []int{http.StatusOK, http.StatusServiceUnavailable}, st)
	}
}
