package connector

import (
	"context"
	"errors"
	"net/http"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// teamWalkPage is the Webex page size for GET /teams: the largest Webex serves (WX12).
const teamWalkPage = 1000

// maxTeamPages bounds one walk of GET /teams, so a misbehaving Webex cannot keep the connector
// paging for ever.
const maxTeamPages = 10000

// groupsPlan is how a /Groups filter is answered from Webex. Webex has no team search (GET /teams
// takes only max), so everything but an id is evaluated by the connector.
type groupsPlan struct {
	// byID is the value of an `id eq "…"` term the whole filter depends on (alone, or and-ed
	// with others: Entra checks membership with `id eq "…" and members[value eq "…"]`): one
	// GET /teams/{id} replaces the listing.
	byID string
	// filterMembers: the filter reads members, so each listed team's memberships are read to
	// evaluate it.
	filterMembers bool
}

// planGroups reads what the filter requires and reads (scim.Filter.AndEquality, References).
func planGroups(f *scim.Filter) groupsPlan {
	if f == nil {
		return groupsPlan{}
	}
	id, _ := f.AndEquality("id")
	// meta.lastModified is computed from the memberships (teamLastModified).
	return groupsPlan{byID: id, filterMembers: f.References("members") || f.References("meta.lastModified")}
}

// list is GET /Groups over teams: the consenting account's teams (WX15), filtered by the
// connector, paged by index or cursor (design §3.4). Memberships are read only for the groups on
// the page, and only when members are returned (excludedAttributes=members reads none), unless
// the filter itself needs them.
func (tg *teamGroups) list(r *http.Request, p scim.ListParams, showMembers bool) (listPage, error) {
	self := &lazySelf{tg: tg}
	matched, err := tg.matchGroups(r, p, planGroups(p.Filter), self)
	if err != nil {
		return listPage{}, err
	}
	byID := make(map[string]*teamState, len(matched))
	all := make([]scim.Resource, 0, len(matched))
	for i := range matched {
		byID[matched[i].team.ID] = &matched[i]
		all = append(all, scim.Resource{"id": matched[i].team.ID})
	}
	page, err := tg.localPage("Groups", p, all)
	if err != nil {
		return listPage{}, err
	}
	shown := make([]*teamState, 0, len(page.Resources))
	for _, stub := range page.Resources {
		shown = append(shown, byID[stub["id"].(string)])
	}
	if showMembers {
		if shown, err = tg.completeTeams(r.Context(), shown, self); err != nil {
			return listPage{}, err
		}
	}
	out := make([]scim.Resource, 0, len(shown))
	for _, st := range shown {
		out = append(out, tg.groupFromTeam(r, st))
	}
	page.Resources = out
	return page, nil
}

// match is every team a root search's filter matches (search.go).
func (tg *teamGroups) match(r *http.Request, p scim.ListParams) ([]groupRecord, error) {
	teams, err := tg.matchGroups(r, p, planGroups(p.Filter), &lazySelf{tg: tg})
	if err != nil {
		return nil, err
	}
	out := make([]groupRecord, len(teams))
	for i := range teams {
		out[i] = &teams[i]
	}
	return out, nil
}

// complete reads the memberships of the teams read without them; a team deleted since the
// listing is left out.
func (tg *teamGroups) complete(ctx context.Context, gs []groupRecord) ([]groupRecord, error) {
	teams := make([]*teamState, len(gs))
	for i, g := range gs {
		teams[i] = g.(*teamState)
	}
	full, err := tg.completeTeams(ctx, teams, &lazySelf{tg: tg})
	if err != nil {
		return nil, err
	}
	out := make([]groupRecord, len(full))
	for i := range full {
		out[i] = full[i]
	}
	return out, nil
}

// completeTeams reads the memberships of the teams read without them, s.fanout teams at a time
// (fanout.go), and keeps their order; a team deleted since the listing is left out. The
// consenting account is read alongside, when it is not known yet: the memberships are split
// from it only once all are read.
func (tg *teamGroups) completeTeams(ctx context.Context, teams []*teamState, self *lazySelf) ([]*teamState, error) {
	var todo []int
	for i, st := range teams {
		if !st.read {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return teams, nil
	}
	ms, err := tg.readManyMemberships(ctx, len(todo), func(i int) string { return teams[todo[i]].team.ID }, self)
	if err != nil {
		return nil, err
	}
	selfID := self.me.ID
	out := make([]*teamState, 0, len(teams))
	k := 0
	for i, st := range teams {
		if k < len(todo) && todo[k] == i {
			gone := ms[k] == nil
			if !gone {
				st = withMemberships(&st.team, *ms[k], selfID)
			}
			k++
			if gone {
				continue // deleted since the listing: it is no longer there to show
			}
		}
		out = append(out, st)
	}
	return out, nil
}

// readManyMemberships reads the memberships of n teams (team(i) is the i-th id) and, when self is
// not read yet, the consenting account, all as one fan-out: the result's i-th entry is nil for a
// team Webex no longer shows (webexGone).
func (tg *teamGroups) readManyMemberships(ctx context.Context, n int, team func(i int) string, self *lazySelf) ([]*[]webex.Membership, error) {
	out := make([]*[]webex.Membership, n)
	extra := 0
	if self.me == nil {
		extra = 1 // the last call reads GET /people/me
	}
	err := fanOut(ctx, tg.fanout, n+extra, func(ctx context.Context, i int) error {
		if i == n {
			_, err := self.id(ctx)
			return err
		}
		ms, err := tg.readMemberships(ctx, team(i))
		if webexGone(err) {
			return nil
		}
		if err != nil {
			return err
		}
		out[i] = &ms
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// matchGroups is every team the query matches, in Webex's order. The first page of a query
// walks Webex; later pages (startIndex > 1, or a cursor) are served from the index-paging cache
// when it still holds the query (design §3.4), else walk again.
func (tg *teamGroups) matchGroups(r *http.Request, p scim.ListParams, plan groupsPlan, self *lazySelf) ([]teamState, error) {
	ctx := r.Context()
	key := cacheKey("Groups", p.Filter)
	if p.StartIndex > 1 || (p.Cursor != nil && *p.Cursor != "") {
		if cached, ok := tg.pages.get(key); ok {
			return cached.([]teamState), nil
		}
	}
	teams, err := tg.listedTeams(ctx, plan.byID)
	if err != nil {
		return nil, err
	}
	var members []*[]webex.Membership
	if plan.filterMembers && len(teams) > 0 {
		if members, err = tg.readManyMemberships(ctx, len(teams), func(i int) string { return teams[i].ID }, self); err != nil {
			return nil, err
		}
	}
	matched := []teamState{}
	for i := range teams {
		st := &teamState{team: teams[i]}
		if plan.filterMembers {
			if members[i] == nil {
				continue // deleted since the listing
			}
			st = withMemberships(&teams[i], *members[i], self.me.ID)
		}
		if p.Filter == nil || p.Filter.Match(tg.groupFromTeam(r, st)) {
			matched = append(matched, *st)
		}
	}
	tg.pages.put(key, matched)
	return matched, nil
}

// listedTeams walks GET /teams (following Webex's next links), or reads one team by id; an id
// Webex does not know matches nothing.
func (tg *teamGroups) listedTeams(ctx context.Context, byID string) ([]webex.Team, error) {
	if byID != "" {
		t, err := tg.webex.GetTeam(ctx, byID)
		switch webexStatus(err) {
		case http.StatusNotFound, http.StatusBadRequest:
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return []webex.Team{*t}, nil
	}
	var teams []webex.Team
	next := ""
	for range maxTeamPages {
		page, err := tg.webex.ListTeams(ctx, teamWalkPage, next)
		if err != nil {
			return nil, err
		}
		teams = append(teams, page.Items...)
		if page.Next == "" || page.Next == next {
			return teams, nil
		}
		next = page.Next
	}
	return nil, scim.Errorf(http.StatusBadGateway, "", "Webex kept paging the team listing past %d pages", maxTeamPages)
}

// webexGone reports a team that disappeared between two reads (groupNotFound's 404).
func webexGone(err error) bool {
	var se *scim.Error
	return errors.As(err, &se) && se.Status == http.StatusNotFound
}

// lazySelf reads the consenting account (GET /people/me) once per request, and only when
// memberships are read: a listing without members never asks.
type lazySelf struct {
	tg *teamGroups
	me *webex.Person
}

func (l *lazySelf) id(ctx context.Context) (string, error) {
	if l.me == nil {
		me, err := l.tg.webex.Me(ctx)
		if err != nil {
			return "", err
		}
		l.me = me
	}
	return l.me.ID, nil
}
