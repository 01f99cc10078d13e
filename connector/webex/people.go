package webex

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// PeopleQuery filters GET /people (WX10): Email matches exactly (case-insensitively), DisplayName
// by prefix, IDs takes up to 85 ids. Max is the page size (0: Webex's default of 100; an
// over-large value is clamped by Webex, WX12).
type PeopleQuery struct {
	Email, DisplayName string
	IDs                []string
	Max                int
}

func (q PeopleQuery) values() url.Values {
	v := url.Values{}
	if q.Email != "" {
		v.Set("email", q.Email)
	}
	if q.DisplayName != "" {
		v.Set("displayName", q.DisplayName)
	}
	if len(q.IDs) > 0 {
		v.Set("id", strings.Join(q.IDs, ","))
	}
	if q.Max > 0 {
		v.Set("max", strconv.Itoa(q.Max))
	}
	return v
}

func personPath(id string) string { return "/people/" + url.PathEscape(id) }

// Me reads the person the token belongs to (GET /people/me).
func (c *Client) Me(ctx context.Context) (*Person, error) {
	var p Person
	if _, err := c.do(ctx, http.MethodGet, c.endpoint("/people/me", nil), nil, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// GetPerson reads one person (GET /people/{id}).
func (c *Client) GetPerson(ctx context.Context, id string) (*Person, error) {
	var p Person
	if _, err := c.do(ctx, http.MethodGet, c.endpoint(personPath(id), nil), nil, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// ListPeople reads one page of GET /people. With next == "" it asks for the first page of q; else
// it follows next verbatim (q is then ignored: the next URL carries the query).
func (c *Client) ListPeople(ctx context.Context, q PeopleQuery, next string) (Page[Person], error) {
	return list[Person](ctx, c, c.endpoint("/people", q.values()), next)
}

// CreatePerson creates a person (POST /people; Webex answers 200, WX09). A POST is never retried
// blindly (design §3.9): after an ambiguous failure (a transport error, a 5xx, or a 400, after
// each of which Webex has been seen to have created the person) the person is looked up by email,
// and returned if it now exists with the names that were sent (so a person who had the email
// before is not taken for the new one); otherwise the original error is returned. A person still
// inside Webex's list lag (WX19) is not found by the lookup: the original error returns, and the
// client's retry of the create meets 409 and its lookup by userName.
func (c *Client) CreatePerson(ctx context.Context, p Person) (*Person, error) {
	body, err := p.RequestBody()
	if err != nil {
		return nil, err
	}
	var created Person
	_, err = c.do(ctx, http.MethodPost, c.endpoint("/people", nil), body, &created)
	if err == nil {
		return &created, nil
	}
	if !ambiguousCreate(ctx, err) || len(p.Emails) == 0 || p.Emails[0] == "" {
		return nil, err
	}
	page, lerr := c.ListPeople(ctx, PeopleQuery{Email: p.Emails[0]}, "")
	if lerr != nil {
		return nil, err
	}
	for i := range page.Items {
		if !sameNames(page.Items[i], p) {
			continue
		}
		for _, e := range page.Items[i].Emails {
			if strings.EqualFold(e, p.Emails[0]) {
				c.log.InfoContext(ctx, "webex create failed ambiguously but the person exists; using it",
					"personId", page.Items[i].ID)
				return &page.Items[i], nil
			}
		}
	}
	return nil, err
}

// sameNames reports whether found carries the names a create sent (those it sent; Webex fills
// displayName from the others when it is not given).
func sameNames(found, sent Person) bool {
	for _, f := range [][2]string{{found.DisplayName, sent.DisplayName}, {found.FirstName, sent.FirstName}, {found.LastName, sent.LastName}} {
		if f[1] != "" && f[0] != f[1] {
			return false
		}
	}
	return true
}

// ambiguousCreate reports whether a failed POST may nonetheless have been applied: a transport
// failure (not the caller cancelling), a 5xx, or a 400 (the created-but-failed answer; a genuine
// 400 costs one lookup that finds nobody).
func ambiguousCreate(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var e *Error
	if !errors.As(err, &e) || errors.Is(err, ErrNoToken) {
		return false
	}
	return (e.Status == 0 && e.Err != nil) || e.Status >= 500 || e.Status == http.StatusBadRequest
}

// UpdatePerson replaces a person (PUT /people/{id}). Webex's PUT is a full replace (WX08): p must
// carry every field to keep, Extra included; read the person first and change what is mapped.
func (c *Client) UpdatePerson(ctx context.Context, id string, p Person) (*Person, error) {
	body, err := p.RequestBody()
	if err != nil {
		return nil, err
	}
	var updated Person
	if _, err := c.do(ctx, http.MethodPut, c.endpoint(personPath(id), nil), body, &updated); err != nil {
		return nil, err
	}
	return &updated, nil
}

// DeletePerson deletes a person (DELETE /people/{id}; 204). A person deleted before answers 403
// (WX07); the connector confirms with GetPerson.
func (c *Client) DeletePerson(ctx context.Context, id string) error {
	_, err := c.do(ctx, http.MethodDelete, c.endpoint(personPath(id), nil), nil, nil)
	return err
}
