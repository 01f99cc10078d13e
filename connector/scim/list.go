package scim

import "strconv"

// ListResponse is a query response (RFC 7644 §3.4.2, RFC 9865 §2).
type ListResponse struct {
	TotalResults int
	// TotalUnknown leaves totalResults out: RFC 9865 §2 lets a provider doing cursor paging that
	// cannot estimate the total omit it, which is better than a made-up number a sync engine
	// would believe (Webex gives no totals).
	TotalUnknown bool
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

// listResourceSize is a guess at one resource's JSON, to size a page's buffer once: a user is
// 1–2 KB.
const listResourceSize = 1536

// MarshalJSON writes the ListResponse message. Resources is always an array,
// [] on an empty page: several clients (Entra among them) read a missing or
// null Resources as an error.
func (l ListResponse) MarshalJSON() ([]byte, error) {
	return l.appendJSON(make([]byte, 0, 256+listResourceSize*len(l.Resources)))
}

// appendJSON appends the message as encoding/json writes the struct
//
//	{schemas, totalResults, itemsPerPage, startIndex,omitempty, nextCursor,omitempty,
//	 previousCursor,omitempty, Resources}
//
// (totalResults omitempty-like when TotalUnknown), with each resource written by appendJSON:
// no reflection over the page's maps, and for WriteJSON no second pass to compact what a
// MarshalJSON method returned. Key order is the struct's, not sorted: clients and tests have
// always seen it so.
func (l ListResponse) appendJSON(dst []byte) ([]byte, error) {
	items := l.ItemsPerPage
	if items == 0 {
		items = len(l.Resources)
	}
	dst = append(dst, `{"schemas":["`+SchemaListResponse+`"]`...)
	if !l.TotalUnknown {
		dst = append(dst, `,"totalResults":`...)
		dst = strconv.AppendInt(dst, int64(l.TotalResults), 10)
	}
	dst = append(dst, `,"itemsPerPage":`...)
	dst = strconv.AppendInt(dst, int64(items), 10)
	if l.StartIndex != 0 {
		dst = append(dst, `,"startIndex":`...)
		dst = strconv.AppendInt(dst, int64(l.StartIndex), 10)
	}
	var err error
	if l.NextCursor != "" {
		dst = append(dst, `,"nextCursor":`...)
		if dst, err = appendJSONString(dst, l.NextCursor); err != nil {
			return nil, err
		}
	}
	if l.PreviousCursor != "" {
		dst = append(dst, `,"previousCursor":`...)
		if dst, err = appendJSONString(dst, l.PreviousCursor); err != nil {
			return nil, err
		}
	}
	dst = append(dst, `,"Resources":[`...)
	for i, r := range l.Resources {
		if i > 0 {
			dst = append(dst, ',')
		}
		if dst, err = appendJSON(dst, r); err != nil {
			return nil, err
		}
	}
	return append(dst, "]}"...), nil
}
