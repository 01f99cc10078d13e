package webex

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

func teamPath(id string) string { return "/teams/" + url.PathEscape(id) }

func maxValues(max int) url.Values {
	v := url.Values{}
	if max > 0 {
		v.Set("max", strconv.Itoa(max))
	}
	return v
}

// ListTeams reads one page of GET /teams: the teams the token's owner belongs to (WX15).
func (c *Client) ListTeams(ctx context.Context, max int, next string) (Page[Team], error) {
	return list[Team](ctx, c, c.endpoint("/teams", maxValues(max)), next)
}

// GetTeam reads one team (GET /teams/{id}); a team the token's owner left is 404 (WX06).
func (c *Client) GetTeam(ctx context.Context, id string) (*Team, error) {
	var t Team
	if _, err := c.do(ctx, http.MethodGet, c.endpoint(teamPath(id), nil), nil, &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// CreateTeam creates a team (POST /teams); the token's owner becomes its moderator (WX11). Names
// need not be unique (WX03), so an ambiguous failure cannot be resolved by a lookup and is
// returned as is; a POST is never retried blindly (design §3.9).
func (c *Client) CreateTeam(ctx context.Context, name string) (*Team, error) {
	var t Team
	body := map[string]string{"name": name}
	if _, err := c.do(ctx, http.MethodPost, c.endpoint("/teams", nil), body, &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// UpdateTeam renames a team (PUT /teams/{id}).
func (c *Client) UpdateTeam(ctx context.Context, id, name string) (*Team, error) {
	var t Team
	body := map[string]string{"name": name}
	if _, err := c.do(ctx, http.MethodPut, c.endpoint(teamPath(id), nil), body, &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// DeleteTeam deletes a team (DELETE /teams/{id}; 204).
func (c *Client) DeleteTeam(ctx context.Context, id string) error {
	_, err := c.do(ctx, http.MethodDelete, c.endpoint(teamPath(id), nil), nil, nil)
	return err
}
