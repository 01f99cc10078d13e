package webex

import (
	"context"
	"net/http"
	"net/url"
)

// ListRoles reads every role (GET /roles, following next links; the endpoint takes no max).
func (c *Client) ListRoles(ctx context.Context) ([]Role, error) {
	return walk[Role](ctx, c, c.endpoint("/roles", nil))
}

// GetRole reads one role (GET /roles/{id}).
func (c *Client) GetRole(ctx context.Context, id string) (*Role, error) {
	var r Role
	if _, err := c.do(ctx, http.MethodGet, c.endpoint("/roles/"+url.PathEscape(id), nil), nil, &r); err != nil {
		return nil, err
	}
	return &r, nil
}
