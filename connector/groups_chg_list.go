package connector

import (
	"context"
	"net/http"

	"github.com/webex-scim/webex-scim/connector/scim"
	"github.com/webex-scim/webex-scim/connector/webex"
)

// chWalkPage is the GET /groups page size of a walk (the fake's maximum; Webex documents none).
const chWalkPage = 1000

// maxGroupPages bounds one walk of GET /groups.
const maxGroupPages = 10000

// chPlanList is how a /Groups filter is answered from Control Hub groups (design §4.7).
type chPlanList struct {
	// none: the filter cannot match any group (externalId eq: no group has one); no Webex call.
	none bool
	// byID is the value of an `id eq` term the whole filter depends on: one GET /groups/{id}.
	byID string
	// webexFilter is the filter sent to Webex; pushed says it is the whole SCIM filter, so
	// Webex's pages and totals are the answer's (one call per page).
	webexFilter string
	pushed      bool
	// filterMembers: the filter reads members, so they are read to evaluate it.
	filterMembers bool
}

// planChList reads what the filter requires (scim.Filter.Equality, Prefix, AndEquality).
func planChList(f *scim.Filter) chPlanList {
	if f == nil {
		return chPlanList{pushed: true}
	}
	if v, ok := f.Equality("displayName"); ok {
		return chPlanList{webexFilter: webex.GroupNameFilter("eq", v), pushed: true}
	}
	if v, ok := f.Prefix("displayName"); ok {
		return chPlanList{webexFilter: webex.GroupNameFilter("sw", v), pushed: true}
	}
	p := chPlanList{filterMembers: f.References("members")}
	if _, ok := f.AndEquality("externalId"); ok {
		p.none = true
	}
	p.byID, _ = f.AndEquality("id")
	if v, ok := f.AndEquality("displayName"); ok {
		p.webexFilter = webex.GroupNameFilter("eq", v)
	}
	return p
}

// list is GET /Groups over Control Hub groups. A filter Webex can answer (none, displayName eq
// or sw) is paged by Webex: one GET /groups per page, members inline when they are returned.
// Any other filter walks the groups, evaluates it here and pages the matches (design §3.4).
func (cg *chGroups) list(r *http.Request, p scim.ListParams, showMembers bool) (listPage, error) {
	plan := planChList(p.Filter)
	if plan.pushed {
		return cg.pushedPage(r, p, plan, showMembers)
	}
	matched, err := cg.matchGroups(r, p, plan)
	if err != nil {
		return listPage{}, err
	}
	stubs := make([]scim.Resource, len(matched))
	for i := range matched {
		stubs[i] = scim.Resource{"i": i}
	}
	page, err := cg.localPage("Groups", p, stubs)
	if err != nil {
		return listPage{}, err
	}
	shown := make([]groupRecord, 0, len(page.Resources))
	for _, stub := range page.Resources {
		shown = append(shown, matched[stub["i"].(int)])
	}
	if showMembers {
		if shown, err = cg.complete(r.Context(), shown); err != nil {
			return listPage{}, err
		}
	}
	page.Resources = make([]scim.Resource, 0, len(shown))
	for _, g := range shown {
		page.Resources = append(page.Resources, cg.resource(r, g))
	}
	return page, nil
}

// pushedPage is one SCIM page as one Webex page: startIndex and count (or the cursor's offset)
// go to Webex as they are, totalResults comes from Webex.
func (cg *chGroups) pushedPage(r *http.Request, p scim.ListParams, plan chPlanList, showMembers bool) (listPage, error) {
	ctx := r.Context()
	start := p.StartIndex
	var cursor cursorState
	if p.Cursor != nil {
		var err error
		if cursor, err = cg.decodeCursor(*p.Cursor, "Groups", p.Filter); err != nil {
			return listPage{}, err
		}
		start = cursor.Offset + 1
	}
	wp, err := cg.webex.ListGroups(ctx, webex.GroupQuery{
		Filter: plan.webexFilter, StartIndex: start, Count: p.Count, IncludeMembers: showMembers,
	})
	if err != nil {
		return listPage{}, err
	}
	page := listPage{Total: wp.Total, Resources: make([]scim.Resource, 0, len(wp.Groups))}
	if p.Cursor == nil {
		page.StartIndex = p.StartIndex
	} else if end := start - 1 + len(wp.Groups); end < wp.Total && len(wp.Groups) > 0 {
		cursor.Offset = end
		page.NextCursor = cg.encodeCursor(cursor)
	}
	records := make([]groupRecord, len(wp.Groups))
	for i := range wp.Groups {
		records[i] = &chState{group: wp.Groups[i]}
	}
	if showMembers {
		// Only a group past the inline limit costs more calls (its /members pages).
		if records, err = cg.completeMany(ctx, len(records), func(ctx context.Context, i int) (groupRecord, error) {
			return cg.withAllMembers(ctx, &wp.Groups[i])
		}); err != nil {
			return listPage{}, err
		}
	}
	for _, g := range records {
		if g != nil {
			page.Resources = append(page.Resources, cg.resource(r, g))
		}
	}
	return page, nil
}

// completeMany calls read for i in [0, n), cg.fanout at a time (fanout.go), and returns the
// records in index order, nil for a group deleted since it was listed (webexGone).
func (cg *chGroups) completeMany(ctx context.Context, n int, read func(ctx context.Context, i int) (groupRecord, error)) ([]groupRecord, error) {
	out := make([]groupRecord, n)
	err := fanOut(ctx, cg.fanout, n, func(ctx context.Context, i int) error {
		g, err := read(ctx, i)
		if webexGone(err) {
			return nil
		}
		out[i] = g
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// match is every group a root search's filter matches (search.go).
func (cg *chGroups) match(r *http.Request, p scim.ListParams) ([]groupRecord, error) {
	return cg.matchGroups(r, p, planChList(p.Filter))
}

// matchGroups is every group the query matches, in Webex's order, evaluated here. The first page
// of a query walks Webex; later pages are served from the index-paging cache while it holds the
// query (design §3.4).
func (cg *chGroups) matchGroups(r *http.Request, p scim.ListParams, plan chPlanList) ([]groupRecord, error) {
	if plan.none {
		return []groupRecord{}, nil
	}
	ctx := r.Context()
	key := cacheKey("Groups", p.Filter)
	if p.StartIndex > 1 || (p.Cursor != nil && *p.Cursor != "") {
		if cached, ok := cg.pages.get(key); ok {
			return cached.([]groupRecord), nil
		}
	}
	groups, err := cg.walkGroups(ctx, plan)
	if err != nil {
		return nil, err
	}
	records := make([]groupRecord, len(groups))
	for i := range groups {
		records[i] = &chState{group: groups[i]}
	}
	if plan.filterMembers {
		if records, err = cg.completeMany(ctx, len(groups), func(ctx context.Context, i int) (groupRecord, error) {
			return cg.withAllMembers(ctx, &groups[i])
		}); err != nil {
			return nil, err
		}
	}
	matched := []groupRecord{}
	for _, g := range records {
		if g != nil && (p.Filter == nil || p.Filter.Match(cg.resource(r, g))) {
			matched = append(matched, g)
		}
	}
	cg.pages.put(key, matched)
	return matched, nil
}

// walkGroups reads every group plan narrows to (members inline when the filter reads them), or
// the one group an id names; an id Webex does not know matches nothing.
func (cg *chGroups) walkGroups(ctx context.Context, plan chPlanList) ([]webex.Group, error) {
	if plan.byID != "" {
		g, err := cg.webex.GetGroup(ctx, plan.byID, plan.filterMembers)
		switch webexStatus(err) {
		case http.StatusNotFound, http.StatusBadRequest:
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return []webex.Group{*g}, nil
	}
	var all []webex.Group
	for range maxGroupPages {
		page, err := cg.webex.ListGroups(ctx, webex.GroupQuery{
			Filter: plan.webexFilter, StartIndex: len(all) + 1, Count: chWalkPage, IncludeMembers: plan.filterMembers,
		})
		if err != nil {
			return nil, err
		}
		all = append(all, page.Groups...)
		if len(page.Groups) == 0 || len(all) >= page.Total {
			return all, nil
		}
	}
	return nil, scim.Errorf(http.StatusBadGateway, "", "Webex kept paging the group listing past %d pages", maxGroupPages)
}

// complete reads every member of the groups read without them (GET /groups/{id}?includeMembers,
// then /members past 500), cg.fanout groups at a time; a group deleted since the listing is left
// out.
func (cg *chGroups) complete(ctx context.Context, gs []groupRecord) ([]groupRecord, error) {
	full, err := cg.completeMany(ctx, len(gs), func(ctx context.Context, i int) (groupRecord, error) {
		if gs[i].membersRead() {
			return gs[i], nil
		}
		return cg.read(ctx, gs[i].(*chState).group.ID, true)
	})
	if err != nil {
		return nil, err
	}
	out := make([]groupRecord, 0, len(gs))
	for _, g := range full {
		if g != nil {
			out = append(out, g)
		}
	}
	return out, nil
}
