package scim

import "encoding/json"

// ListResponse is a query response (RFC 7644 §3.4.2, RFC 9865 §2).
type ListResponse struct {
	TotalResults int
	// StartIndex is the 1-based index of the first result (index paging,
	// RFC 7644 §3.4.2.4); 0 in cursor mode, where it is omitted.
	StartIndex int
	// ItemsPerPage is the number of resources on this page; 0 means
	// len(Resources).
	ItemsPerPage int
	Resources    []Resource
	// NextCursor is set on every cursor page but the last (RFC 9865 §2);
	// PreviousCursor is optional and never on the first page.
	NextCursor, PreviousCursor string
}

// MarshalJSON writes the ListResponse message. Resources is always an array,
// [] on an empty page: several clients (Entra among them) read a missing or
// null Resources as an error.
func (l ListResponse) MarshalJSON() ([]byte, error) {
	resources := l.Resources
	if resources == nil {
		resources = []Resource{}
	}
	items := l.ItemsPerPage
	if items == 0 {
		items = len(resources)
	}
	return json.Marshal(struct {
		Schemas        []string   `json:"schemas"`
		TotalResults   int        `json:"totalResults"`
		ItemsPerPage   int        `json:"itemsPerPage"`
		StartIndex     int        `json:"startIndex,omitempty"`
		NextCursor     string     `json:"nextCursor,omitempty"`
		PreviousCursor string     `json:"previousCursor,omitempty"`
		Resources      []Resource `json:"Resources"`
	}{
		Schemas:        []string{SchemaListResponse},
		TotalResults:   l.TotalResults,
		ItemsPerPage:   items,
		StartIndex:     l.StartIndex,
		NextCursor:     l.NextCursor,
		PreviousCursor: l.PreviousCursor,
		Resources:      resources,
	})
}
