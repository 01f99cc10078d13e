package connector

import (
	"context"
	"errors"
	"net/http"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// webexWalkPage is the Webex page size when a whole listing is walked (index paging): the
// largest Webex serves, so N people cost N/1000 calls. Webex clamps a larger max (WX12).
const webexWalkPage = 1000

// peoplePlan is how a SCIM filter is answered from Webex (design §3.3). What Webex answers exactly
// is pushed down; the connector still evaluates the whole filter on what comes back, so a
// push-down only ever narrows the walk, never changes the answer.
type peoplePlan struct {
	byID  string            // "id eq X": one GET /people/{id}
	query webex.PeopleQuery // email= or displayName= (prefix), else the full listing
}

func planPeople(f *scim.Filter) peoplePlan {
	if f == nil {
		return peoplePlan{}
	}
	// A term the whole filter requires (alone, or and-ed with others, as in Okta's and Entra's
	// `userName eq "…" and active eq true`) narrows the walk; the rest is matched locally.
	if v, ok := f.AndEquality("id"); ok {
		return peoplePlan{byID: v}
	}
	// userName is emails[0] (design §4.1); Webex's email= matches exactly, case-insensitively
	// (WX10), as SCIM compares userName.
	for _, path := range []string{"userName", "emails.value"} {
		if v, ok := f.AndEquality(path); ok {
			return peoplePlan{query: webex.PeopleQuery{Email: v}}
		}
	}
	// Webex's displayName= matches by prefix (WX10); the local match re-checks the rest.
	if v, ok := f.Prefix("displayName"); ok && v != "" {
		return peoplePlan{query: webex.PeopleQuery{DisplayName: v}}
	}
	return peoplePlan{}
}

// listUsers is GET /Users: filter, index or cursor paging, projection (design §3.3–§3.5).
func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) error {
	p, err := scim.ParseListParams(r.URL.Query(), s.users, defaultPageSize, maxPageSize)
	if err != nil {
		return err
	}
	var page listPage
	if p.Cursor != nil && p.Count > 0 {
		page, err = s.userCursorPage(r, p)
	} else {
		page, err = s.userIndexPage(r, p)
	}
	if err != nil {
		return err
	}
	return s.writeList(w, r, p, s.users, page)
}

// userIndexPage serves index paging (RFC 7644 §3.4.2.4) from the matches of one walk, cached
// for the following pages (pageCache). RFC 9865 count=0 on a cursor query also lands here: it
// asks for totalResults only.
func (s *Server) userIndexPage(r *http.Request, p scim.ListParams) (listPage, error) {
	key := cacheKey("Users", p.Filter)
	var matched []webex.Person
	var cached any
	found := false
	if p.StartIndex > 1 { // a query's first page always walks (pageCache); only later ones look
		cached, found = s.pages.get(key)
	}
	if found {
		matched = cached.([]webex.Person)
	} else {
		matched = []webex.Person{}
		err := s.walkAllPeople(r.Context(), planPeople(p.Filter), webexWalkPage,
			func(person *webex.Person) {
				if p.Filter == nil || p.Filter.Match(s.userFromPerson(person, s.location(r, "Users", person.ID))) {
					matched = append(matched, *person)
				}
			})
		if err != nil {
			return listPage{}, err
		}
		if p.Cursor == nil {
			// Only when a later page will be served from it: a lookup stays out (pageCache).
			s.pages.putPaged(key, matched, len(matched), p.StartIndex-1, p.Count)
		}
	}
	total := len(matched)
	start := min(p.StartIndex-1, total)
	if p.Cursor != nil {
		start = 0
	}
	end := min(start+p.Count, total)
	out := make([]scim.Resource, 0, end-start)
	for i := start; i < end; i++ {
		out = append(out, s.userFromPerson(&matched[i], s.location(r, "Users", matched[i].ID)))
	}
	page := listPage{Resources: out, Total: total, StartIndex: p.StartIndex}
	if p.Cursor != nil {
		page.StartIndex = 0
	}
	return page, nil
}

// userCursorPage serves one cursor page (RFC 9865) by reading Webex from the position in the
// cursor: O(count) upstream work per page, whatever the page's position.
func (s *Server) userCursorPage(r *http.Request, p scim.ListParams) (listPage, error) {
	st, err := s.decodeCursor(*p.Cursor, "Users", p.Filter)
	if err != nil {
		return listPage{}, err
	}
	if st.Max == 0 {
		// One Webex page per SCIM page when nothing is filtered out locally.
		st.Max = p.Count
	}
	first := st.URL == "" && st.Offset == 0
	var out []scim.Resource
	resume, more, err := s.walkPeople(r.Context(), planPeople(p.Filter), st.Max, webexPosition{st.URL, st.Offset},
		func(person *webex.Person) bool {
			res := s.userFromPerson(person, s.location(r, "Users", person.ID))
			if p.Filter == nil || p.Filter.Match(res) {
				out = append(out, res)
			}
			return len(out) < p.Count
		})
	if err != nil {
		return listPage{}, err
	}
	page := listPage{Resources: out, Total: -1}
	if more {
		st.URL, st.Offset = resume.URL, resume.Offset
		page.NextCursor = s.encodeCursor(st)
	} else if first {
		// The whole result fit on the first page: the total is known.
		page.Total = len(out)
	}
	return page, nil
}

// walkAllPeople is walkPeople for a walk certain to reach the end (index paging reads every match,
// for totalResults): the next Webex page is fetched while fn works through the current one, so
// the connector's work on a page (mapping and filtering 1000 people) is off the chain of round
// trips (issue 13). One page is read ahead, no more; the reader has ended when walkAllPeople
// returns. Pages, order and errors are walkPeople's.
func (s *Server) walkAllPeople(ctx context.Context, plan peoplePlan, max int, fn func(p *webex.Person)) error {
	if plan.byID != "" {
		_, _, err := s.walkPeople(ctx, plan, max, webexPosition{}, func(p *webex.Person) bool { fn(p); return true })
		return err
	}
	type fetched struct {
		items []webex.Person
		err   error
	}
	ctx, cancel := context.WithCancel(ctx)
	pages := make(chan fetched) // unbuffered: the reader is one page ahead of fn at most
	defer func() {
		cancel()
		for range pages { // wait for the reader to end
		}
	}()
	go func() {
		defer close(pages)
		q := plan.query
		q.Max = max
		uri := ""
		for {
			next := ""
			if uri != "" {
				next = rebase(s.webexBase, uri)
			}
			page, err := s.webex.ListPeople(ctx, q, next)
			nextURI := ""
			if err == nil && page.Next != "" {
				nextURI, err = stripHost(page.Next)
			}
			select {
			case pages <- fetched{page.Items, err}:
			case <-ctx.Done():
				return
			}
			// The end; or defensive: never read the same page twice in one walk (WX01).
			if err != nil || nextURI == "" || nextURI == uri {
				return
			}
			uri = nextURI
		}
	}()
	for f := range pages {
		if f.err != nil {
			return f.err
		}
		for i := range f.items {
			fn(&f.items[i])
		}
	}
	return ctx.Err()
}

// webexPosition is a place in a Webex listing: the page (path and query of a next link; "" for
// the first page) and the index of an item in it.
type webexPosition struct {
	URL    string
	Offset int
}

// walkPeople reads people from Webex as the plan says, from position from, calling fn for each
// person until fn returns false or the listing ends. It returns where the next unread person is
// and whether there may be one (more): after fn stops it at the last item of a page, the position
// is the next page, not read yet, so a full SCIM page costs no extra Webex call. Webex's next
// links are followed as given (design §5), re-based on the configured Webex URL; Webex's cursor
// echo part-way (WX01) is an error, never the end of the list (issue 15).
func (s *Server) walkPeople(ctx context.Context, plan peoplePlan, max int, from webexPosition,
	fn func(p *webex.Person) bool) (resume webexPosition, more bool, err error) {
	if plan.byID != "" {
		if from != (webexPosition{}) {
			return webexPosition{}, false, nil // a by-id result is one person: past it is the end
		}
		person, err := s.webex.GetPerson(ctx, plan.byID)
		switch st := webexStatus(err); {
		case st == http.StatusNotFound || st == http.StatusBadRequest:
			return webexPosition{}, false, nil // no such id: no match, not an error
		case err != nil:
			return webexPosition{}, false, err
		}
		fn(person)
		return webexPosition{}, false, nil
	}
	q := plan.query
	q.Max = max
	pos := from
	for {
		next := ""
		if pos.URL != "" {
			next = rebase(s.webexBase, pos.URL)
		}
		page, err := s.webex.ListPeople(ctx, q, next)
		if errors.Is(err, webex.ErrListingCut) && pos == from && from.URL != "" {
			// WX01 on the first Webex page a SCIM cursor leads to: Webex no longer reads the
			// cursor it gave, so the SCIM cursor cannot be continued (RFC 9865 expiredCursor);
			// part-way through one request it is a 502 (mapError), never a shorter list.
			return webexPosition{}, false, scim.Errorf(http.StatusBadRequest, scim.ScimTypeExpiredCursor,
				"Webex no longer continues the listing this cursor points into (WX01: it repeated its cursor on an empty page); start the listing again")
		}
		if err != nil {
			return webexPosition{}, false, err
		}
		nextURI := ""
		if page.Next != "" {
			if nextURI, err = stripHost(page.Next); err != nil {
				return webexPosition{}, false, err
			}
			if nextURI == pos.URL {
				nextURI = "" // defensive: never read the same page twice in one walk (WX01)
			}
		}
		for i := pos.Offset; i < len(page.Items); i++ {
			if fn(&page.Items[i]) {
				continue
			}
			switch {
			case i+1 < len(page.Items):
				return webexPosition{pos.URL, i + 1}, true, nil
			case nextURI != "":
				return webexPosition{nextURI, 0}, true, nil
			default:
				return webexPosition{}, false, nil
			}
		}
		if nextURI == "" {
			return webexPosition{}, false, nil
		}
		pos = webexPosition{nextURI, 0}
	}
}
