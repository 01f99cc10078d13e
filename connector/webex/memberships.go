package webex

import (
	"context"
	"net/http"
	"net/url"
)

func membershipPath(id string) string { return "/team/memberships/" + url.PathEscape(id) }

// ListMemberships reads one page of GET /team/memberships?teamId= (teamId is required, WX15).
func (c *Client) ListMemberships(ctx context.Context, teamID string, max int, next string) (Page[Membership], error) {
	q := maxValues(max)
	q.Set("teamId", teamID)
	return list[Membership](ctx, c, c.endpoint("/team/memberships", q), next)
}

// CreateMembership adds a person to a team (POST /team/memberships). Adding a member twice is 409
// (WX13). After an ambiguous failure (transport error or 5xx) the team's memberships are read, and
// the person's membership is returned if it now exists: a POST is never retried blindly (design §3.9).
func (c *Client) CreateMembership(ctx context.Context, teamID, personID string, moderator bool) (*Membership, error) {
	body := struct {
		TeamID      string `json:"teamId"`
		PersonID    string `json:"personId"`
		IsModerator bool   `json:"isModerator"`
	}{teamID, personID, moderator}
	var m Membership
	_, err := c.do(ctx, http.MethodPost, c.endpoint("/team/memberships", nil), body, &m)
	if err == nil {
		return &m, nil
	}
	if !ambiguousCreate(ctx, err) {
		return nil, err
	}
	q := url.Values{"teamId": {teamID}}
	all, lerr := walk[Membership](ctx, c, c.endpoint("/team/memberships", q))
	if lerr != nil {
		return nil, err
	}
	for i := range all {
		if all[i].PersonID == personID {
			c.log.InfoContext(ctx, "webex create failed ambiguously but the membership exists; using it",
				"membershipId", all[i].ID)
			return &all[i], nil
		}
	}
	return nil, err
}

// UpdateMembership makes a member a moderator or not (PUT /team/memberships/{id}). Demoting the
// last moderator while others remain is 409 (WX04).
func (c *Client) UpdateMembership(ctx context.Context, id string, moderator bool) (*Membership, error) {
	body := struct {
		IsModerator bool `json:"isModerator"`
	}{moderator}
	var m Membership
	if _, err := c.do(ctx, http.MethodPut, c.endpoint(membershipPath(id), nil), body, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// DeleteMembership removes a member (DELETE /team/memberships/{id}; 204). When the last member
// leaves, Webex deletes the team (WX05).
func (c *Client) DeleteMembership(ctx context.Context, id string) error {
	_, err := c.do(ctx, http.MethodDelete, c.endpoint(membershipPath(id), nil), nil, nil)
	return err
}
