package steps

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/cucumber/godog"
	"github.com/tidwall/gjson"
)

// scim_paging.go: walkers that list every user of the scenario through SCIM, the way a sync
// engine does, with index paging (RFC 7644 §3.4.2.4) or cursor paging (RFC 9865).

// pagingWalk is what a walk saw: the ids in the order listed, and how many pages it took.
type pagingWalk struct {
	mode  string
	ids   []string
	pages int
}

// maxWalkExtraPages is how many pages beyond the expected number a walk may take before it is
// called a loop (a connector repeating a cursor or a startIndex would otherwise never end).
const maxWalkExtraPages = 20

// registerPagingSteps registers the walkers (catalogue: registerSCIMSteps).
func registerPagingSteps(sc *godog.ScenarioContext) {
	sc.Step(`^I page through all SCIM users with count (\d+) using (startIndex|cursor), filtered by my prefix$`, walkUsers)
	sc.Step(`^every user I created is listed exactly once$`, everyUserOnce)
	sc.Step(`^the walk took (\d+) pages?$`, func(ctx context.Context, n int) error {
		_, sst, err := scimStateOf(ctx)
		if err != nil {
			return err
		}
		if sst.walk == nil {
			return fmt.Errorf("no paging walk in this scenario yet")
		}
		if sst.walk.pages != n {
			return fmt.Errorf("the %s walk took %d pages, want %d", sst.walk.mode, sst.walk.pages, n)
		}
		return nil
	})
}

// walkUsers lists GET /Users?filter=userName sw "{prefix}" page by page. Each page must be a
// 200 ListResponse with at most count resources; index pages must agree on totalResults and
// advance by what they returned; cursor pages end when nextCursor is absent, and a cursor
// served twice is a loop.
func walkUsers(ctx context.Context, count int, mode string) error {
	st, sst, err := scimStateOf(ctx)
	if err != nil {
		return err
	}
	if count < 1 {
		return fmt.Errorf("count must be positive")
	}
	filter := fmt.Sprintf("userName sw %q", st.Prefix)
	limit := len(sst.users)/count + 1 + maxWalkExtraPages
	w := &pagingWalk{mode: mode}
	sst.walk = w

	total := -1
	startIndex, cursor := 1, ""
	seenCursors := map[string]bool{}
	for {
		if w.pages >= limit {
			return fmt.Errorf("the %s walk did not end after %d pages (%d users created)", mode, w.pages, len(sst.users))
		}
		q := url.Values{"filter": {filter}, "count": {strconv.Itoa(count)}}
		if mode == "cursor" {
			q.Set("cursor", cursor)
		} else {
			q.Set("startIndex", strconv.Itoa(startIndex))
		}
		resp, err := st.Send(ctx, Request{Target: scimTargetName, Method: "GET",
			Path: "/Users?" + strings.ReplaceAll(q.Encode(), "+", "%20"), verbatim: true})
		if err != nil {
			return err
		}
		resp.checked = true
		w.pages++
		if resp.Status != 200 {
			return fmt.Errorf("page %d: GET %s → %d %s", w.pages, resp.URL, resp.Status, snippet(resp.Body))
		}
		page := gjson.ParseBytes(resp.Body)
		items := page.Get("Resources").Array()
		if len(items) > count {
			return fmt.Errorf("page %d holds %d users, more than count=%d", w.pages, len(items), count)
		}
		if ipp := page.Get("itemsPerPage"); ipp.Exists() && int(ipp.Int()) != len(items) {
			return fmt.Errorf("page %d: itemsPerPage is %s but it holds %d users", w.pages, ipp.Raw, len(items))
		}
		for _, it := range items {
			w.ids = append(w.ids, it.Get("id").Str)
		}

		if mode == "cursor" {
			next := page.Get("nextCursor")
			if !next.Exists() || next.Str == "" {
				return nil
			}
			if seenCursors[next.Str] {
				return fmt.Errorf("page %d gave back a cursor already served: the walk would loop", w.pages)
			}
			seenCursors[next.Str] = true
			cursor = next.Str
			continue
		}

		t := page.Get("totalResults")
		if t.Type != gjson.Number {
			return fmt.Errorf("page %d has no totalResults: %s", w.pages, snippet(resp.Body))
		}
		if total >= 0 && int(t.Int()) != total {
			return fmt.Errorf("totalResults changed from %d to %d during the walk", total, t.Int())
		}
		total = int(t.Int())
		if si := page.Get("startIndex"); si.Exists() && int(si.Int()) != startIndex {
			return fmt.Errorf("page %d: startIndex is %s, want %d", w.pages, si.Raw, startIndex)
		}
		startIndex += len(items)
		if startIndex > total {
			return nil
		}
		if len(items) == 0 {
			return fmt.Errorf("page %d is empty at startIndex %d although totalResults is %d", w.pages, startIndex, total)
		}
	}
}

// everyUserOnce compares the last walk with the users the scenario created through SCIM.
func everyUserOnce(ctx context.Context) error {
	_, sst, err := scimStateOf(ctx)
	if err != nil {
		return err
	}
	if sst.walk == nil {
		return fmt.Errorf("no paging walk in this scenario yet")
	}
	seen := map[string]int{}
	for _, id := range sst.walk.ids {
		seen[id]++
	}
	var problems []string
	created := map[string]bool{}
	for _, u := range sst.users {
		created[u.id] = true
		switch n := seen[u.id]; n {
		case 1:
		case 0:
			problems = append(problems, "missing "+u.userName)
		default:
			problems = append(problems, fmt.Sprintf("%s listed %d times", u.userName, n))
		}
	}
	var strangers []string
	for id := range seen {
		if !created[id] {
			strangers = append(strangers, id)
		}
	}
	sort.Strings(strangers)
	if len(strangers) > 0 {
		problems = append(problems, "listed but not created by this scenario: "+strings.Join(strangers, ", "))
	}
	if len(problems) > 0 {
		return fmt.Errorf("the %s walk (%d pages, %d users listed, %d created): %s",
			sst.walk.mode, sst.walk.pages, len(sst.walk.ids), len(sst.users), strings.Join(problems, "; "))
	}
	return nil
}
