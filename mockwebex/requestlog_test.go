package mockwebex

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The request log keeps the last maxRecorded requests, oldest first, however many the fake has
// served: a harness reading GET /_mock/requests after a long run sees the most recent ones in
// the order they arrived.

// logPaths records a GET of /v1/people/p<i> for each i in is and returns the paths the log lists.
func logPaths(l *requestLog, is ...int) []string {
	for _, i := range is {
		l.add(httptest.NewRequest(http.MethodGet, "/v1/people/p"+strconv.Itoa(i), nil), nil, http.StatusOK, testStart)
	}
	var paths []string
	for _, r := range l.list() {
		paths = append(paths, r.Path)
	}
	return paths
}

func TestRequestLog_KeepsTheLastEntriesOldestFirst(t *testing.T) {
	l := &requestLog{limit: 3}
	assert.Equal(t, []RecordedRequest{}, l.list(), "an empty log lists as [] (JSON items: [])")
	assert.Equal(t, []string{"/v1/people/p1", "/v1/people/p2"}, logPaths(l, 1, 2))
	assert.Equal(t, []string{"/v1/people/p1", "/v1/people/p2", "/v1/people/p3"}, logPaths(l, 3), "exactly full")
	assert.Equal(t, []string{"/v1/people/p2", "/v1/people/p3", "/v1/people/p4"}, logPaths(l, 4), "the oldest goes first")
	assert.Equal(t, []string{"/v1/people/p4", "/v1/people/p5", "/v1/people/p6"}, logPaths(l, 5, 6), "wrapped to the start")
	assert.Equal(t, []string{"/v1/people/p8", "/v1/people/p9", "/v1/people/p10"}, logPaths(l, 7, 8, 9, 10), "wrapped more than once")

	l.clear()
	assert.Equal(t, []RecordedRequest{}, l.list())
	assert.Equal(t, []string{"/v1/people/p12", "/v1/people/p13", "/v1/people/p14"}, logPaths(l, 11, 12, 13, 14),
		"after a clear the log fills and wraps again from the start")
}

func TestRequestLog_ListIsACopy(t *testing.T) {
	l := &requestLog{limit: 2}
	logPaths(l, 1, 2)
	got := l.list()
	got[0].Path = "changed"
	assert.Equal(t, []string{"/v1/people/p2", "/v1/people/p3"}, logPaths(l, 3), "a caller's changes do not reach the log")
	assert.Equal(t, "changed", got[0].Path, "nor does the log's wrapping reach a list already returned")
}

func TestControl_RequestLogPastItsBound(t *testing.T) {
	f := newFake(t)
	for i := range maxRecorded + 4 {
		f.s.reqlog.add(httptest.NewRequest(http.MethodGet, "/v1/people/p"+strconv.Itoa(i), nil), nil, http.StatusOK, testStart)
	}
	f.get("/v1/people?max=1").requireStatus(t, http.StatusOK)

	r := f.do("GET", "/_mock/requests", "", nil)
	r.requireStatus(t, http.StatusOK)
	var log struct {
		Items []RecordedRequest `json:"items"`
	}
	require.NoError(t, json.Unmarshal(r.body, &log))
	require.Len(t, log.Items, maxRecorded)
	assert.Equal(t, "/v1/people/p5", log.Items[0].Path, "the five oldest of 10,005 were dropped")
	assert.Equal(t, "/v1/people/p6", log.Items[1].Path)
	assert.Equal(t, "/v1/people/p"+strconv.Itoa(maxRecorded+3), log.Items[maxRecorded-2].Path)
	assert.Equal(t, RecordedRequest{Method: "GET", Path: "/v1/people", Query: "max=1", Status: 200,
		Authorization: "Bearer ***", Time: "2026-11-26T09:15:02.123Z"}, log.Items[maxRecorded-1], "the request just served is the newest")
}

// A body longer than maxRecordedBody is kept cut and marked, so 10,000 entries stay bounded.
func TestRequestLogClipsLongBodies(t *testing.T) {
	var l requestLog
	r := httptest.NewRequest(http.MethodPost, "/v1/people", nil)
	l.add(r, []byte(strings.Repeat("x", maxRecordedBody+10)), http.StatusBadRequest, time.Now())
	l.add(r, []byte(`{"short":true}`), http.StatusOK, time.Now())
	got := l.list()
	require.Len(t, got, 2)
	assert.Len(t, got[0].Body, maxRecordedBody+len(fmt.Sprintf("…(%d bytes in all)", maxRecordedBody+10)))
	assert.True(t, strings.HasSuffix(got[0].Body, fmt.Sprintf("…(%d bytes in all)", maxRecordedBody+10)))
	assert.Equal(t, `{"short":true}`, got[1].Body, "a short body is kept whole")
}
