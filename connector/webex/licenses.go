package webex

import (
	"context"
	"net/http"
	"net/url"
)

// ListLicenses reads every licence of the organisation (GET /licenses, following next links).
func (c *Client) ListLicenses(ctx context.Context) ([]License, error) {
	return walk[License](ctx, c, c.endpoint("/licenses", nil))
}

// GetLicense reads one licence (GET /licenses/{id}).
func (c *Client) GetLicense(ctx context.Context, id string) (*License, error) {
	var l License
	if _, err := c.do(ctx, http.MethodGet, c.endpoint("/licenses/"+url.PathEscape(id), nil), nil, &l); err != nil {
		return nil, err
	}
	return &l, nil
}
